package dev.stackwright.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.Stackwright;
import dev.stackwright.deploy.FakeAws.FakeWaiter;
import dev.stackwright.deploy.FakeAws.StackScript;
import dev.stackwright.deploy.FakeAws.TestConsole;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** destroy, status and drift against the fake, and the stacks a spec deploys. */
class StackOpsTest {
    private static final Deployer.Options YES = new Deployer.Options(true, false, Duration.ofMinutes(30));
    private final FakeAws aws = new FakeAws();
    private final FakeWaiter waiter = new FakeWaiter();

    private void bothDeployed() {
        StackScript net = aws.cfn.existing("shop-dev-network", "UPDATE_COMPLETE");
        net.onDelete = Fixtures.events("delete-network.json");
        StackScript app = aws.cfn.existing("shop-dev-app", "CREATE_COMPLETE");
        app.onDelete = Fixtures.events("delete-app.json");
    }

    @Test
    void destroy_deletesTheAppStackFirst_andListsWhatIsKept() {
        bothDeployed();
        TestConsole console = TestConsole.ci();
        int code = new Destroyer(aws, console, waiter, Duration.ofSeconds(3))
                .destroy("shop-dev", List.of(Fixtures.network(), Fixtures.app()), YES);

        assertThat(code).isZero();
        assertThat(aws.cfn.calls).containsExactly("delete stack shop-dev-app", "delete stack shop-dev-network");
        assertThat(console.stdout())
                .contains(
                        "Will delete shop-dev-app (CREATE_COMPLETE)",
                        "keeps Database (AWS::RDS::DBInstance) as a final snapshot",
                        "Kept (delete them by hand",
                        "FlowLogGroup (AWS::Logs::LogGroup) /stackwright/shop-dev/flow-logs retained",
                        "Database (AWS::RDS::DBInstance) kept as a final snapshot");
        assertThat(aws.cfn.describeStack("shop-dev-network")).isEmpty();
    }

    private static final String LB_ARN =
            "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shop-dev/50dc6c495c0c9188";

    private void protectedAppDeployed() {
        bothDeployed();
        aws.cfn.stack("shop-dev-app").resources = List.of(
                new CloudFormation.StackResource("Database", "AWS::RDS::DBInstance", "shop-dev-db"),
                new CloudFormation.StackResource("LoadBalancer", "AWS::ElasticLoadBalancingV2::LoadBalancer", LB_ARN),
                new CloudFormation.StackResource(
                        "Service", "AWS::ECS::Service", "arn:aws:ecs:eu-west-1:123456789012:service/shop/app"));
    }

    @Test
    void destroy_ofAProtectedStack_confirmed_turnsProtectionOffFirst_andNamesTheFinalSnapshotRdsLists() {
        protectedAppDeployed();
        aws.snapshots.put("shop-dev-db", "shop-dev-db-final-snapshot");
        TestConsole console = new TestConsole(true, false, "shop-dev");

        int code = new Destroyer(aws, console, waiter, Duration.ofSeconds(3))
                .destroy(
                        "shop-dev",
                        List.of(Fixtures.network(), Fixtures.protectedApp()),
                        new Deployer.Options(false, false, Duration.ofMinutes(30)));

        assertThat(code).isZero();
        assertThat(aws.cfn.calls)
                .containsExactly(
                        "unprotect database shop-dev-db",
                        "unprotect load balancer " + LB_ARN,
                        "delete stack shop-dev-app",
                        "delete stack shop-dev-network");
        assertThat(console.stdout())
                .contains(
                        "Turning off deletion protection on Database (AWS::RDS::DBInstance) shop-dev-db\n",
                        "Turning off deletion protection on LoadBalancer (AWS::ElasticLoadBalancingV2::LoadBalancer) "
                                + LB_ARN + "\n",
                        "Database (AWS::RDS::DBInstance) kept: final snapshot shop-dev-db-final-snapshot");
        assertThat(console.stdout().indexOf("Turning off"))
                .as("only after the name was typed")
                .isGreaterThan(0);
        assertThat(console.questions).singleElement().asString().contains("Type shop-dev");
    }

    @Test
    void destroy_ofAProtectedStack_declined_turnsNothingOff() {
        protectedAppDeployed();
        TestConsole console = new TestConsole(true, false, "no");

        int code = new Destroyer(aws, console, waiter, Duration.ofSeconds(3))
                .destroy(
                        "shop-dev",
                        List.of(Fixtures.network(), Fixtures.protectedApp()),
                        new Deployer.Options(false, false, Duration.ofMinutes(30)));

        assertThat(code).isEqualTo(1);
        assertThat(aws.cfn.calls).isEmpty();
        assertThat(console.stdout()).doesNotContain("Turning off");
    }

    @Test
    void destroy_finalSnapshotNotListed_saysSoInsteadOfClaimingIt() {
        protectedAppDeployed();
        TestConsole console = TestConsole.ci();

        int code = new Destroyer(aws, console, waiter, Duration.ofSeconds(3))
                .destroy("shop-dev", List.of(Fixtures.network(), Fixtures.protectedApp()), YES);

        assertThat(code).isZero();
        assertThat(console.stdout())
                .contains("Database (AWS::RDS::DBInstance): no final snapshot of shop-dev-db was found")
                .doesNotContain("kept: final snapshot");
    }

    @Test
    void destroy_wrongNameTyped_deletesNothing() {
        bothDeployed();
        TestConsole console = new TestConsole(true, false, "shop-prod");
        int code = new Destroyer(aws, console, waiter, Duration.ofSeconds(3))
                .destroy(
                        "shop-dev",
                        List.of(Fixtures.network(), Fixtures.app()),
                        new Deployer.Options(false, false, Duration.ofMinutes(30)));
        assertThat(code).isEqualTo(1);
        assertThat(console.questions).singleElement().asString().contains("Type shop-dev to delete it");
        assertThat(aws.cfn.calls).isEmpty();
    }

    @Test
    void destroy_withoutTerminalOrYes_refuses() {
        bothDeployed();
        assertThatThrownBy(() -> new Destroyer(aws, TestConsole.ci(), waiter, Duration.ofSeconds(3))
                        .destroy(
                                "shop-dev",
                                List.of(Fixtures.network()),
                                new Deployer.Options(false, false, Duration.ofMinutes(30))))
                .isInstanceOf(DeployException.class)
                .hasMessageContaining("confirmation");
        assertThat(aws.cfn.calls).isEmpty();
    }

    @Test
    void destroy_nothingDeployed_isFine() {
        TestConsole console = TestConsole.ci();
        assertThat(new Destroyer(aws, console, waiter, Duration.ofSeconds(3))
                        .destroy("shop-dev", List.of(Fixtures.network()), YES))
                .isZero();
        assertThat(console.stdout()).contains("Nothing to destroy");
    }

    @Test
    void status_showsStateDriftAndOutputs() {
        aws.cfn.existing("shop-dev-network", "UPDATE_COMPLETE").outputs = FakeAws.outputs("VpcId", "vpc-0abc");
        TestConsole console = TestConsole.ci();
        new StackReports(aws, console, waiter, Duration.ofSeconds(3))
                .status(List.of(Fixtures.network(), Fixtures.app()));
        assertThat(console.stdout())
                .contains(
                        "shop-dev-network  UPDATE_COMPLETE",
                        "drift:  not checked",
                        "VpcId",
                        "vpc-0abc",
                        "shop-dev-app  not deployed");
    }

    @Test
    void drift_reportsChangedProperties_andExitsOne() {
        aws.cfn.existing("shop-dev-network", "UPDATE_COMPLETE");
        aws.cfn.drifts = List.of(
                new CloudFormation.ResourceDrift("Vpc", "AWS::EC2::VPC", "vpc-0abc", "IN_SYNC", List.of()),
                new CloudFormation.ResourceDrift(
                        "AppSecurityGroup",
                        "AWS::EC2::SecurityGroup",
                        "sg-0app",
                        "MODIFIED",
                        List.of(new CloudFormation.PropertyDifference(
                                "/SecurityGroupIngress/1",
                                "ADD",
                                null,
                                "{\"CidrIp\":\"0.0.0.0/0\",\"FromPort\":22}"))));
        TestConsole console = TestConsole.ci();
        int code = new StackReports(aws, console, waiter, Duration.ofSeconds(3))
                .drift(List.of(Fixtures.network()), Duration.ofMinutes(5));
        assertThat(code).isEqualTo(1);
        assertThat(console.stdout())
                .contains(
                        "shop-dev-network: DRIFTED, 1 of 2 resources changed outside CloudFormation",
                        "  ~ AppSecurityGroup (AWS::EC2::SecurityGroup) MODIFIED sg-0app",
                        "      /SecurityGroupIngress/1 add: expected (none), actual {\"CidrIp\":\"0.0.0.0/0\",\"FromPort\":22}");
    }

    @Test
    void drift_inSync_exitsZero() {
        aws.cfn.existing("shop-dev-network", "UPDATE_COMPLETE");
        aws.cfn.drifts =
                List.of(new CloudFormation.ResourceDrift("Vpc", "AWS::EC2::VPC", "vpc-0abc", "IN_SYNC", List.of()));
        TestConsole console = TestConsole.ci();
        assertThat(new StackReports(aws, console, waiter, Duration.ofSeconds(3))
                        .drift(List.of(Fixtures.network()), Duration.ofMinutes(5)))
                .isZero();
        assertThat(console.stdout()).contains("shop-dev-network: in sync (1 resource checked)");
    }

    @Test
    void deployPlan_namesTheNetworkStack_asItsExportsExpect_andTagsIt() {
        Stackwright.Result result = Stackwright.plan("s.yml", "name: shop\n");
        List<StackDeployment> stacks = DeployPlan.of(
                result.spec(),
                result.networkTemplate(),
                result.registryTemplate(),
                result.pipelineTemplate(),
                result.appTemplate());
        assertThat(stacks)
                .extracting(StackDeployment::stackName)
                .containsExactly("shop-dev-network", "shop-registry", "shop-dev-app");
        StackDeployment registry = stacks.get(1);
        // The project's, not one environment's: every environment's deploy recognises it as its own.
        assertThat(registry.tags())
                .containsEntry(DeployPlan.STACK_TAG, "shop-registry")
                .containsEntry(DeployPlan.ROLE_TAG, "registry");
        assertThat(registry.role()).isEqualTo(StackDeployment.Role.REGISTRY);
        StackDeployment app = stacks.get(2);
        assertThat(app.templateBody()).contains("${RegistryStack}-RepositoryUri", "Default: shop-registry");
        assertThat(app.tags()).containsEntry(DeployPlan.ROLE_TAG, "app");
        assertThat(app.templateBody()).contains("${NetworkStack}-VpcId").contains("Default: shop-dev-network");
        StackDeployment net = stacks.getFirst();
        assertThat(net.tags())
                .containsEntry(DeployPlan.STACK_TAG, "shop-dev")
                .containsEntry(DeployPlan.ROLE_TAG, "network");
        assertThat(net.templateBody())
                .contains("Fn::Sub: \"${AWS::StackName}-VpcId\"".replace("Fn::Sub: ", ""))
                .startsWith("AWSTemplateFormatVersion");
        assertThat(net.resourceCount()).isEqualTo(result.networkTemplate().resourceCount());
        assertThat(result.spec().appStackName()).isEqualTo("shop-dev-app");
        assertThat(result.spec().appStackName(dev.stackwright.model.Environment.PROD))
                .isEqualTo("shop-prod-app");
    }

    @Test
    void deployPlan_ofAnImageElsewhere_hasNoRegistryStack() {
        Stackwright.Result result = Stackwright.plan("s.yml", "name: shop\nservice: {image: 'nginx:1.27'}\n");
        assertThat(result.registryTemplate()).isEmpty();
        assertThat(DeployPlan.of(
                        result.spec(),
                        result.networkTemplate(),
                        result.registryTemplate(),
                        result.pipelineTemplate(),
                        result.appTemplate()))
                .extracting(StackDeployment::stackName)
                .containsExactly("shop-dev-network", "shop-dev-app");
    }

    /** Another environment may run from the shared repository: destroying one environment leaves it, and says so. */
    @Test
    void destroy_keepsTheRegistryStack_sharedByEveryEnvironment() {
        bothDeployed();
        StackScript registry = aws.cfn.existing("shop-registry", "CREATE_COMPLETE");
        registry.tags = java.util.Map.of(DeployPlan.STACK_TAG, "shop-registry");
        Stackwright.Result result = Stackwright.plan("s.yml", "name: shop\n");
        StackDeployment registryStack = DeployPlan.of(
                        result.spec(),
                        result.networkTemplate(),
                        result.registryTemplate(),
                        result.pipelineTemplate(),
                        result.appTemplate())
                .get(1);
        TestConsole console = TestConsole.ci();
        int code = new Destroyer(aws, console, waiter, Duration.ofSeconds(3))
                .destroy("shop-dev", List.of(Fixtures.network(), registryStack, Fixtures.app()), YES);

        assertThat(code).isZero();
        assertThat(aws.cfn.calls).containsExactly("delete stack shop-dev-app", "delete stack shop-dev-network");
        assertThat(aws.cfn.describeStack("shop-registry")).isPresent();
        assertThat(console.stdout())
                .contains("Keeps shop-registry (the project's image repository, shared by every environment)")
                .doesNotContain("Will delete shop-registry");
    }

    private static final String WITH_PIPELINE = """
            name: shop
            pipeline: {source: {provider: codecommit, repository: shop}}
            """;

    @Test
    void deployPlan_withAPipeline_deploysItAfterTheRegistry_andBeforeTheApp_taggedAsTheProjects() {
        Stackwright.Result result = Stackwright.plan("s.yml", WITH_PIPELINE);
        List<StackDeployment> stacks = DeployPlan.of(
                result.spec(),
                result.networkTemplate(),
                result.registryTemplate(),
                result.pipelineTemplate(),
                result.appTemplate());
        assertThat(stacks)
                .extracting(StackDeployment::stackName)
                .containsExactly("shop-dev-network", "shop-registry", "shop-pipeline", "shop-dev-app");
        assertThat(stacks)
                .extracting(StackDeployment::role)
                .containsExactly(
                        StackDeployment.Role.NETWORK,
                        StackDeployment.Role.REGISTRY,
                        StackDeployment.Role.PIPELINE,
                        StackDeployment.Role.APP);
        assertThat(stacks.get(2).tags())
                .containsEntry(DeployPlan.STACK_TAG, "shop-pipeline")
                .containsEntry(DeployPlan.ROLE_TAG, "pipeline");
        assertThat(stacks.get(2).template().path("Resources").has("Pipeline")).isTrue();
    }

    /** The pipeline stack goes with the spec that writes it, before the network, after the app; the registry stays. */
    @Test
    void destroy_deletesThePipelineStack_andSaysWhatThatStops() {
        bothDeployed();
        Stackwright.Result result = Stackwright.plan("s.yml", WITH_PIPELINE);
        List<StackDeployment> planned = DeployPlan.of(
                result.spec(),
                result.networkTemplate(),
                result.registryTemplate(),
                result.pipelineTemplate(),
                result.appTemplate());
        StackScript pipeline = aws.cfn.existing("shop-pipeline", "CREATE_COMPLETE");
        pipeline.tags = java.util.Map.of(DeployPlan.STACK_TAG, "shop-pipeline");
        StackScript registry = aws.cfn.existing("shop-registry", "CREATE_COMPLETE");
        registry.tags = java.util.Map.of(DeployPlan.STACK_TAG, "shop-registry");
        TestConsole console = TestConsole.ci();
        int code = new Destroyer(aws, console, waiter, Duration.ofSeconds(3))
                .destroy("shop-dev", List.of(Fixtures.network(), planned.get(1), planned.get(2), Fixtures.app()), YES);

        assertThat(code).as(console.stderr()).isZero();
        assertThat(aws.cfn.calls)
                .containsExactly(
                        "delete stack shop-dev-app", "delete stack shop-pipeline", "delete stack shop-dev-network");
        assertThat(console.stdout())
                .contains("Will delete shop-pipeline (CREATE_COMPLETE): the project's pipeline, written in this spec;"
                        + " no environment is released to any more")
                .contains("keeps ArtifactBucket (AWS::S3::Bucket): retained")
                .contains("Keeps shop-registry");
    }
}
