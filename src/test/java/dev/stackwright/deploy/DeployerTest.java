package dev.stackwright.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.deploy.FakeAws.FakeWaiter;
import dev.stackwright.deploy.FakeAws.StackScript;
import dev.stackwright.deploy.FakeAws.TestConsole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The deploy orchestration against recorded CloudFormation answers: what it prints, calls and returns. */
class DeployerTest {
    private static final String NET = "shop-dev-network";
    private static final Deployer.Options YES = new Deployer.Options(true, false, Duration.ofMinutes(30));
    private static final Deployer.Options ASK = new Deployer.Options(false, false, Duration.ofMinutes(30));

    @TempDir
    Path dir;

    private final FakeAws aws = new FakeAws();
    private final FakeWaiter waiter = new FakeWaiter();

    private Deployer deployer(Console console, History history) {
        return new Deployer(aws, console, waiter, history, Duration.ofSeconds(3));
    }

    private int deploy(TestConsole console, Deployer.Options options, StackDeployment... stacks) {
        return deployer(console, History.inMemory()).deploy(List.of(stacks), options);
    }

    private StackScript newNetwork(String events) {
        StackScript s = aws.cfn.stack(NET);
        s.changeSet = Fixtures.changeSet("changeset-create.json");
        s.onExecute = Fixtures.events(events);
        return s;
    }

    @Test
    void create_success_showsTheDiff_progressPerResource_andTheOutputs_andRemembersDurations() {
        StackScript s = newNetwork("create-success.json");
        s.outputs = FakeAws.outputs("VpcId", "vpc-0abc", "AppSecurityGroupId", "sg-0app");
        History history = History.load(dir.resolve(".stackwright/deploy-history.json"));
        TestConsole console = TestConsole.ci();

        int code = deployer(console, history).deploy(List.of(Fixtures.network()), YES);

        assertThat(code).isZero();
        assertThat(aws.cfn.calls)
                .containsExactly("create change set shop-dev-network CREATE", "execute shop-dev-network");
        assertThat(console.stdout())
                .contains(
                        "shop-dev-network: 5 to add\n",
                        "  + add         Vpc",
                        "Deployed. Outputs:",
                        "  VpcId                        vpc-0abc")
                .doesNotContain("AppSecurityGroupId");
        assertThat(console.stderr())
                .contains(
                        "Creating shop-dev-network (5 resources)...",
                        "[0/5]  +0:02  Vpc                          AWS::EC2::VPC                        CREATE_IN_PROGRESS",
                        "[1/5]  +0:14  Vpc                          AWS::EC2::VPC                        CREATE_COMPLETE  12s",
                        "[5/5]  +0:38  InternetGatewayAttachment",
                        "shop-dev-network: CREATE_COMPLETE in 40s.");
        assertThat(dir.resolve(".stackwright/deploy-history.json"))
                .content()
                .contains("\"shop-dev-network create\" : 40", "\"AWS::EC2::VPC\" : 12");

        // The next run's progress carries the estimate from this one.
        History again = History.load(dir.resolve(".stackwright/deploy-history.json"));
        assertThat(again.stack(NET, "create")).contains(Duration.ofSeconds(40));
        assertThat(again.resourceType("AWS::EC2::VPCGatewayAttachment")).contains(Duration.ofSeconds(17));
    }

    @Test
    void liveProgress_redrawsTheRunningBlock_withElapsedAndEstimates() {
        newNetwork("create-success.json");
        History history = History.inMemory();
        history.record(
                NET, "create", Duration.ofSeconds(60), java.util.Map.of("AWS::EC2::VPC", Duration.ofSeconds(20)));
        TestConsole console = new TestConsole(true, true);

        assertThat(deployer(console, history).deploy(List.of(Fixtures.network()), YES))
                .isZero();
        String err = console.stderr();
        assertThat(err)
                .contains("usually 1m00s", "(usually ~20s)", "elapsed, about", "\033[")
                .as("in-progress events are in the block, not printed as lines")
                .doesNotContain("CREATE_IN_PROGRESS  ");
        assertThat(err).contains("[1/5]", "Vpc", "CREATE_COMPLETE  12s");
    }

    @Test
    void createFailure_reportsTheFirstRealFailure_notTheCancellations_andTheRollbackOutcome() {
        newNetwork("create-failure.json");
        TestConsole console = TestConsole.ci();

        assertThat(deploy(console, YES, Fixtures.network())).isEqualTo(1);
        String err = console.stderr();
        assertThat(err)
                .contains(
                        "FAILED  NatGatewayAEip (AWS::EC2::EIP): CREATE_FAILED: The maximum number of addresses has been reached.\n")
                .doesNotContain("FAILED  SubnetAppA", "Request ID", "RequestToken")
                .contains("shop-dev-network: rolled back (ROLLBACK_COMPLETE); nothing was created.");
        assertThat(err.indexOf("FAILED  NatGatewayAEip"))
                .as("reported when it happened, before the rollback events")
                .isLessThan(err.indexOf("ROLLBACK_COMPLETE"));
        assertThat(console.stdout()).doesNotContain("Outputs");
    }

    @Test
    void createFailure_thatSettlesBetweenTwoEventReads_stillPrintsTheRootCause() {
        newNetwork("create-failure.json");
        // The first read sees the create start; the failure and the whole rollback happen before DescribeStacks.
        aws.cfn.revealOnDescribe = true;
        TestConsole console = TestConsole.ci();

        assertThat(deploy(console, YES, Fixtures.network())).isEqualTo(1);
        assertThat(console.stderr())
                .contains(
                        "FAILED  NatGatewayAEip (AWS::EC2::EIP): CREATE_FAILED: The maximum number of addresses has been reached.\n",
                        "shop-dev-network: rolled back (ROLLBACK_COMPLETE)");
    }

    @Test
    void firstCreateFailed_theDeleteIsFollowedByStackId_whichOutlivesTheName() {
        StackScript s = aws.cfn.existing(NET, "ROLLBACK_COMPLETE");
        String failedId = s.id;
        s.onDelete = Fixtures.events("delete-network.json");
        s.changeSet = Fixtures.changeSet("changeset-create.json");
        s.onExecute = Fixtures.events("create-success.json");
        TestConsole console = TestConsole.ci();

        assertThat(deploy(console, YES, Fixtures.network())).isZero();
        assertThat(console.stderr()).contains("Deleting shop-dev-network...", "shop-dev-network: CREATE_COMPLETE");
        assertThat(aws.cfn.calls)
                .containsExactly(
                        "delete stack shop-dev-network",
                        "create change set shop-dev-network CREATE",
                        "execute shop-dev-network");
        assertThat(aws.cfn.describeStack(NET))
                .map(Stack::id)
                .get()
                .as("a new stack, not the deleted one")
                .isNotEqualTo(failedId);
    }

    @Test
    void rootCause_skipsTheCascade_evenWhenListedFirst() {
        List<StackEvent> events = Fixtures.events("create-failure.json");
        assertThat(RootCause.find(events)).map(StackEvent::logicalId).contains("NatGatewayAEip");
        assertThat(RootCause.find(Fixtures.events("create-success.json"))).isEmpty();
        assertThat(RootCause.find(Fixtures.events("update-rollback-failed.json")))
                .map(StackEvent::logicalId)
                .contains("AppSecurityGroup");
    }

    @Test
    void emptyChangeSet_isNoChanges_exitZero_andTheChangeSetIsDeleted() {
        StackScript s = aws.cfn.existing(NET, "UPDATE_COMPLETE");
        s.changeSet = Fixtures.changeSet("changeset-empty.json");
        TestConsole console = TestConsole.ci();

        assertThat(deploy(console, ASK, Fixtures.network())).isZero();
        assertThat(console.stdout()).startsWith("shop-dev-network: no changes\n");
        assertThat(aws.cfn.calls)
                .containsExactly("create change set shop-dev-network UPDATE", "delete change set shop-dev-network");
        assertThat(waiter.sleeps).as("waited for the change set").isPositive();
    }

    @Test
    void replacementDiff_isLoud_andLouderForData() {
        String diff = DiffText.render(NET, Fixtures.changeSet("changeset-replace.json"));
        assertThat(diff).isEqualTo("""
                shop-dev-network: 1 to add, 1 to modify, 3 to replace, 1 to remove
                  + add         SubnetAppC            AWS::EC2::Subnet
                  ~ modify      AppSecurityGroup      AWS::EC2::SecurityGroup              (SecurityGroupIngress)
                  ! REPLACE     SubnetAppA            AWS::EC2::Subnet                     (CidrBlock)
                  ! REPLACE     SubnetDataA           AWS::EC2::Subnet                     (CidrBlock)
                  ! may replace Database              AWS::RDS::DBInstance                 (DBSubnetGroupName)
                  - remove      NatInstanceC          AWS::AutoScaling::AutoScalingGroup
                WARNING: 1 resource will be REPLACED (a new one is created, then the old one deleted; its id changes): SubnetAppA.
                DATA AT RISK: SubnetDataA (AWS::EC2::Subnet) will be REPLACED because CidrBlock changed: a data-tier subnet; the database in it is moved or recreated.
                DATA AT RISK: Database (AWS::RDS::DBInstance) may be REPLACED: the data in it is gone unless a snapshot is kept (UpdateReplacePolicy/DeletionPolicy Snapshot).
                """);
        assertThat(DiffText.risksData(Fixtures.changeSet("changeset-replace.json")))
                .isTrue();
        assertThat(DiffText.risksData(Fixtures.changeSet("changeset-update.json")))
                .isFalse();
    }

    @Test
    void dataAtRisk_needsTheStackNameTyped_aYIsNotEnough() {
        StackScript s = aws.cfn.existing(NET, "UPDATE_COMPLETE");
        s.changeSet = Fixtures.changeSet("changeset-replace.json");
        TestConsole console = new TestConsole(true, false, "y");

        assertThat(deploy(console, ASK, Fixtures.network())).isEqualTo(1);
        assertThat(console.questions).singleElement().asString().contains("Type the stack name (shop-dev-network)");
        assertThat(console.stderr()).contains("Nothing was changed.");
        assertThat(aws.cfn.calls)
                .containsExactly("create change set shop-dev-network UPDATE", "delete change set shop-dev-network");
    }

    @Test
    void confirmedUpdate_executes() {
        StackScript s = aws.cfn.existing(NET, "UPDATE_COMPLETE");
        s.changeSet = Fixtures.changeSet("changeset-update.json");
        s.onExecute = Fixtures.events("in-progress-elsewhere.json");
        TestConsole console = new TestConsole(true, false, "y");

        assertThat(deploy(console, ASK, Fixtures.network())).isZero();
        assertThat(console.questions).containsExactly("Deploy these changes to shop-dev-network? [y/N] ");
        assertThat(console.stderr())
                .contains("Updating shop-dev-network (2 changes)...", "[1/2]", "UPDATE_COMPLETE in 12s.");
    }

    @Test
    void noTerminal_andNoYes_refuses_andLeavesNothingBehind() {
        StackScript s = aws.cfn.existing(NET, "UPDATE_COMPLETE");
        s.changeSet = Fixtures.changeSet("changeset-update.json");

        assertThatThrownBy(() -> deploy(TestConsole.ci(), ASK, Fixtures.network()))
                .isInstanceOf(DeployException.class)
                .hasMessageContaining("no terminal to ask at")
                .extracting(e -> ((DeployException) e).fix())
                .asString()
                .contains("--yes", "stackwright diff");
        assertThat(aws.cfn.calls)
                .containsExactly("create change set shop-dev-network UPDATE", "delete change set shop-dev-network");
    }

    @Test
    void updateFails_andTheRollbackFailsToo_explainsBoth() {
        StackScript s = aws.cfn.existing(NET, "UPDATE_COMPLETE");
        s.changeSet = Fixtures.changeSet("changeset-update.json");
        s.onExecute = Fixtures.events("update-rollback-failed.json");
        TestConsole console = TestConsole.ci();

        assertThat(deploy(console, YES, Fixtures.network())).isEqualTo(1);
        assertThat(console.stderr())
                .contains(
                        "FAILED  AppSecurityGroup (AWS::EC2::SecurityGroup): UPDATE_FAILED: The security group 'sg-0gone' does not exist\n")
                .contains("the rollback failed too (UPDATE_ROLLBACK_FAILED)", "offers to continue the rollback");
    }

    @Test
    void stuckInUpdateRollbackFailed_continuesTheRollback_thenDeploys() {
        StackScript s = aws.cfn.existing(NET, "UPDATE_ROLLBACK_FAILED");
        s.revealed.addAll(Fixtures.events("update-rollback-failed.json"));
        s.onContinueRollback = Fixtures.events("continue-rollback.json");
        s.changeSet = Fixtures.changeSet("changeset-update.json");
        s.onExecute = Fixtures.events("in-progress-elsewhere.json").stream()
                .map(e -> new StackEvent(
                        "again-" + e.eventId(),
                        e.stackName(),
                        e.logicalId(),
                        e.physicalId(),
                        e.resourceType(),
                        e.timestamp().plusSeconds(300),
                        e.status(),
                        e.reason()))
                .toList();
        TestConsole console = TestConsole.ci();

        assertThat(deploy(console, YES, Fixtures.network())).isZero();
        assertThat(aws.cfn.calls)
                .containsExactly(
                        "continue rollback shop-dev-network",
                        "create change set shop-dev-network UPDATE",
                        "execute shop-dev-network");
        assertThat(console.stderr())
                .contains(
                        "UPDATE_ROLLBACK_FAILED",
                        "The last failure: AppSecurityGroup",
                        "rolled back (UPDATE_ROLLBACK_COMPLETE)");
    }

    @Test
    void stuckInUpdateRollbackFailed_withoutYes_explainsAndRefuses() {
        StackScript s = aws.cfn.existing(NET, "UPDATE_ROLLBACK_FAILED");
        s.revealed.addAll(Fixtures.events("update-rollback-failed.json"));
        assertThatThrownBy(() -> deploy(TestConsole.ci(), ASK, Fixtures.network()))
                .isInstanceOf(DeployException.class)
                .hasMessageContaining("UPDATE_ROLLBACK_FAILED")
                .extracting(e -> ((DeployException) e).fix())
                .asString()
                .contains("continue the rollback");
        assertThat(aws.cfn.calls).isEmpty();
    }

    @Test
    void firstCreateFailed_deletesAndRecreates_whenConfirmed() {
        StackScript s = aws.cfn.existing(NET, "ROLLBACK_COMPLETE");
        s.revealed.addAll(Fixtures.events("create-failure.json"));
        s.changeSet = Fixtures.changeSet("changeset-create.json");
        s.onExecute = Fixtures.events("create-success.json");
        TestConsole console = new TestConsole(true, false, "y", "y");

        assertThat(deploy(console, ASK, Fixtures.network())).isZero();
        assertThat(console.questions.getFirst()).isEqualTo("Delete shop-dev-network and create it again? [y/N] ");
        assertThat(console.stderr()).contains("ROLLBACK_COMPLETE", "The last failure: NatGatewayAEip");
        assertThat(aws.cfn.calls)
                .containsExactly(
                        "delete stack shop-dev-network",
                        "create change set shop-dev-network CREATE",
                        "execute shop-dev-network");
    }

    @Test
    void firstCreateFailed_declined_deletesNothing() {
        aws.cfn.existing(NET, "ROLLBACK_COMPLETE");
        assertThatThrownBy(() -> deploy(new TestConsole(true, false, "n"), ASK, Fixtures.network()))
                .isInstanceOf(DeployException.class)
                .hasMessageContaining("must be deleted");
        assertThat(aws.cfn.calls).isEmpty();
    }

    @Test
    void inProgressElsewhere_refusesWithoutWait() {
        aws.cfn.existing(NET, "UPDATE_IN_PROGRESS");
        assertThatThrownBy(() -> deploy(TestConsole.ci(), YES, Fixtures.network()))
                .isInstanceOf(DeployException.class)
                .hasMessageContaining("is busy (UPDATE_IN_PROGRESS)")
                .extracting(e -> ((DeployException) e).fix())
                .asString()
                .contains("--wait");
        assertThat(aws.cfn.calls).isEmpty();
    }

    @Test
    void inProgressElsewhere_withWait_waitsThenDeploys() {
        StackScript s = aws.cfn.existing(NET, "UPDATE_IN_PROGRESS");
        List<StackEvent> events = Fixtures.events("in-progress-elsewhere.json");
        s.revealed.add(events.getFirst());
        s.pending.addAll(events.subList(1, events.size()));
        s.changeSet = Fixtures.changeSet("changeset-empty.json");
        TestConsole console = TestConsole.ci();

        assertThat(deploy(console, new Deployer.Options(true, true, Duration.ofMinutes(5)), Fixtures.network()))
                .isZero();
        assertThat(console.stderr()).contains("waiting for it to finish", "SubnetAppA", "UPDATE_COMPLETE");
        assertThat(console.stdout()).contains("no changes");
        assertThat(aws.cfn.calls)
                .containsExactly("create change set shop-dev-network UPDATE", "delete change set shop-dev-network");
    }

    @Test
    void timeout_stopsWaiting_namesWhatIsStillRunning_andFails() {
        StackScript s = newNetwork("create-success.json");
        s.onExecute = Fixtures.events("create-success.json").subList(0, 6);
        TestConsole console = TestConsole.ci();

        assertThat(deploy(console, new Deployer.Options(true, false, Duration.ofMinutes(2)), Fixtures.network()))
                .isEqualTo(1);
        assertThat(console.stderr())
                .contains(
                        "Timed out after 2m00s waiting for shop-dev-network; still running: ",
                        "InternetGateway (AWS::EC2::InternetGateway)",
                        "SubnetAppA (AWS::EC2::Subnet)",
                        "CloudFormation carries on");
        assertThat(waiter.now).isAfterOrEqualTo(java.time.Instant.parse("2026-03-02T10:02:00Z"));
    }

    @Test
    void aStackWeDidNotCreate_isNeverTouched() {
        StackScript s = aws.cfn.existing(NET, "CREATE_COMPLETE");
        s.tags = java.util.Map.of("team", "payments");
        assertThatThrownBy(() -> deploy(TestConsole.ci(), YES, Fixtures.network()))
                .isInstanceOf(DeployException.class)
                .hasMessageContaining("was not created by Stackwright", "no stackwright:stack tag");
        assertThat(aws.cfn.calls).isEmpty();
    }

    @Test
    void largeTemplate_goesThroughTheBucket_andSaysSo() {
        newNetwork("create-success.json");
        StackDeployment small = Fixtures.network();
        StackDeployment big = new StackDeployment(
                small.role(),
                small.stackName(),
                small.template(),
                "# " + "x".repeat(Deployer.INLINE_LIMIT) + "\nResources: {}\n",
                small.parameters(),
                small.tags());
        TestConsole console = TestConsole.ci();

        assertThat(deploy(console, YES, big)).isZero();
        assertThat(aws.uploads).containsExactly(NET);
        CloudFormation.ChangeSetRequest request = aws.cfn.requests.getFirst();
        assertThat(request.templateBody()).isNull();
        assertThat(request.templateUrl()).startsWith("https://stackwright-templates-123456789012-eu-west-1.s3.");
        assertThat(console.stderr())
                .contains(
                        "Created the template bucket stackwright-templates-123456789012-eu-west-1 (encrypted, private, versioned",
                        "over the 51200-byte inline limit: uploaded to s3://stackwright-templates-123456789012-eu-west-1/shop-dev-network/abc.yaml");
        assertThat(aws.cfn.requests)
                .allSatisfy(r -> assertThat(r.tags()).containsEntry(DeployPlan.STACK_TAG, "shop-dev"));
    }

    @Test
    void smallTemplate_goesInline() {
        newNetwork("create-success.json");
        assertThat(deploy(TestConsole.ci(), YES, Fixtures.network())).isZero();
        assertThat(aws.uploads).isEmpty();
        assertThat(aws.cfn.requests.getFirst().templateBody()).isEqualTo("Resources: {}\n");
    }

    /** A deployed stack keeps a kept parameter's value (UsePreviousValue); a stack being created takes defaults. */
    @Test
    void keptParameters_goAsUsePreviousValue_onUpdateOnly() {
        StackScript net = aws.cfn.existing(NET, "UPDATE_COMPLETE");
        net.changeSet = Fixtures.changeSet("changeset-empty.json");
        net.parameters = java.util.Map.of("ImageTag", "3f2c1ab");
        StackDeployment keeping = Fixtures.network().keeping("ImageTag");
        assertThat(deploy(TestConsole.ci(), YES, keeping)).isZero();
        CloudFormation.ChangeSetRequest update = aws.cfn.requests.getFirst();
        assertThat(update.previousValues()).containsExactly("ImageTag");
        assertThat(update.parameters()).doesNotContainKey("ImageTag");

        // A deployed stack without the parameter yet has no value to keep: the template's default applies.
        net.parameters = java.util.Map.of();
        assertThat(deploy(TestConsole.ci(), YES, keeping)).isZero();
        assertThat(aws.cfn.requests.get(1).previousValues()).isEmpty();

        FakeAws fresh = new FakeAws();
        StackScript created = fresh.cfn.stack(NET);
        created.changeSet = Fixtures.changeSet("changeset-create.json");
        created.onExecute = Fixtures.events("create-success.json");
        assertThat(new Deployer(fresh, TestConsole.ci(), waiter, History.inMemory(), Duration.ofSeconds(3))
                        .deploy(List.of(keeping), YES))
                .isZero();
        assertThat(fresh.cfn.requests.getFirst().previousValues()).isEmpty();
    }

    @Test
    void settingAParameter_endsKeepingIt() {
        StackDeployment s = Fixtures.network().keeping("ImageTag").withParameters(java.util.Map.of("ImageTag", "9"));
        assertThat(s.kept()).isEmpty();
        assertThat(s.parameters()).containsEntry("ImageTag", "9");
    }

    @Test
    void ecsServiceFailure_showsWhyTheTasksStopped() {
        aws.cfn.stack(NET);
        StackScript net = aws.cfn.existing(NET, "UPDATE_COMPLETE");
        net.changeSet = Fixtures.changeSet("changeset-empty.json");
        StackScript app = aws.cfn.stack("shop-dev-app");
        app.changeSet = Fixtures.changeSet("changeset-create.json");
        app.onExecute = Fixtures.events("ecs-service-failure.json");
        aws.stoppedTasks = List.of("Essential container in task exited (web: exit code 1)");
        TestConsole console = TestConsole.ci();

        assertThat(deploy(console, YES, Fixtures.network(), Fixtures.app())).isEqualTo(1);
        assertThat(console.stderr())
                .contains(
                        "FAILED  Service (AWS::ECS::Service): CREATE_FAILED: Error occurred during operation 'ECS Deployment Circuit Breaker was triggered'.",
                        "        stopped task: Essential container in task exited (web: exit code 1)");
        assertThat(aws.cfn.calls)
                .contains("ecs stopped tasks arn:aws:ecs:eu-west-1:123456789012:service/shop-dev/shop-dev-web");
        assertThat(aws.cfn.calls.indexOf("create change set shop-dev-network UPDATE"))
                .as("network first")
                .isLessThan(aws.cfn.calls.indexOf("create change set shop-dev-app CREATE"));
    }

    @Test
    void diff_showsTheChangeSet_andDeletesIt_withoutExecuting() {
        StackScript s = aws.cfn.existing(NET, "UPDATE_COMPLETE");
        s.changeSet = Fixtures.changeSet("changeset-replace.json");
        aws.cfn.stack("shop-dev-app").changeSet = Fixtures.changeSet("changeset-create.json");
        TestConsole console = TestConsole.ci();

        assertThat(deployer(console, History.inMemory()).diff(List.of(Fixtures.network(), Fixtures.app()), YES))
                .isZero();
        assertThat(console.stdout())
                .contains("! REPLACE     SubnetDataA", "DATA AT RISK", "shop-dev-app: 5 to add")
                .as("the app stack is summarised only when the network stack is new")
                .doesNotContain("(after");
        assertThat(aws.cfn.calls)
                .doesNotContain("execute shop-dev-network")
                .contains("delete change set shop-dev-network");
    }

    @Test
    void diff_ofANewStack_removesTheReviewStackItMade() {
        aws.cfn.stack(NET).changeSet = Fixtures.changeSet("changeset-create.json");
        TestConsole console = TestConsole.ci();
        assertThat(deployer(console, History.inMemory()).diff(List.of(Fixtures.network(), Fixtures.app()), YES))
                .isZero();
        assertThat(console.stdout())
                .contains(
                        "shop-dev-network: 5 to add", "shop-dev-app: new, 2 resources to add (after shop-dev-network)");
        assertThat(aws.cfn.calls)
                .containsExactly("create change set shop-dev-network CREATE", "delete stack shop-dev-network");
        assertThat(aws.cfn.describeStack(NET)).isEmpty();
    }

    @Test
    void reasons_areCutToTheFirstSentence() {
        assertThat(
                        Reasons.firstSentence(
                                "Resource handler returned message: \"The maximum number of addresses has been reached. "
                                        + "(Service: Ec2, Status Code: 400, Request ID: x)\" (RequestToken: y, HandlerErrorCode: ServiceLimitExceeded)"))
                .isEqualTo("The maximum number of addresses has been reached.");
        assertThat(Reasons.firstSentence(
                        "Value (10.0.0.0/33) for parameter cidrBlock is invalid. This is not a valid CIDR block."))
                .isEqualTo("Value (10.0.0.0/33) for parameter cidrBlock is invalid.");
        assertThat(Reasons.firstSentence(null)).isEmpty();
        assertThat(Reasons.isCancellation("Resource creation cancelled")).isTrue();
        assertThat(Reasons.isCancellation("The subnet has dependencies")).isFalse();
    }

    @Test
    void history_survivesADamagedFile() throws Exception {
        Path file = dir.resolve("h.json");
        Files.writeString(file, "{not json");
        History h = History.load(file);
        assertThat(h.stack(NET, "create")).isEmpty();
        h.record(NET, "create", Duration.ofSeconds(100), java.util.Map.of());
        h.save();
        h = History.load(file);
        h.record(NET, "create", Duration.ofSeconds(50), java.util.Map.of());
        assertThat(h.stack(NET, "create")).contains(Duration.ofSeconds(75));
    }
}
