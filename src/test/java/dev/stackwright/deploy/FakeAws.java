package dev.stackwright.deploy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * AWS as a script: stacks with a status, and for each operation (execute, delete, continue-rollback) the recorded
 * events it produces, revealed a few per poll as CloudFormation would. The stack's status follows its latest
 * stack-level event. Every call is logged for assertions.
 *
 * <p>Kept beside the moto test (MotoRoundTripTest) for what moto cannot produce: failures, rollbacks, a stack
 * stuck in UPDATE_ROLLBACK_FAILED, drift, timing. It answers as CloudFormation does where that matters: each stack
 * has an ID (an ARN) that a recreated stack does not share, and a deleted stack answers only to its ID; by name,
 * DescribeStacks finds nothing and DescribeStackEvents fails with "Stack with id NAME does not exist".
 */
final class FakeAws implements Aws {
    final FakeCloudFormation cfn = new FakeCloudFormation();
    final List<String> uploads = new ArrayList<>();
    List<String> stoppedTasks = List.of();

    @Override
    public String region() {
        return "eu-west-1";
    }

    @Override
    public Identity whoami() {
        return new Identity("123456789012", "arn:aws:iam::123456789012:user/tester", "AIDATEST");
    }

    @Override
    public CloudFormation cloudFormation() {
        return cfn;
    }

    @Override
    public TemplateStore templates() {
        return (stack, body) -> {
            uploads.add(stack);
            return new TemplateStore.Upload(
                    "stackwright-templates-123456789012-eu-west-1",
                    stack + "/abc.yaml",
                    "https://stackwright-templates-123456789012-eu-west-1.s3.eu-west-1.amazonaws.com/" + stack
                            + "/abc.yaml",
                    uploads.size() == 1);
        };
    }

    @Override
    public ServiceTasks ecs() {
        return arn -> {
            cfn.calls.add("ecs stopped tasks " + arn);
            return stoppedTasks;
        };
    }

    @Override
    public Ec2Describer ec2() {
        throw new UnsupportedOperationException("the deploy fakes describe no VPC");
    }

    /** Images ECR holds, as {@code repository:tag}. */
    final java.util.Set<String> images = new java.util.HashSet<>();

    /**
     * ECR for deploy, logged with the CloudFormation calls so tests see the order. The moto-backed test of the real
     * adapter is SdkImageRegistryTest; this one serves the deployer's tests, which need no server.
     */
    @Override
    public ImageRegistry ecr() {
        return new ImageRegistry() {
            @Override
            public boolean hasImage(String repository, String reference) {
                cfn.calls.add("ecr has image " + repository + ":" + reference);
                return images.contains(repository + ":" + reference);
            }

            @Override
            public Login login() {
                cfn.calls.add("ecr login");
                return new Login("AWS", "pa55word", "https://123456789012.dkr.ecr.eu-west-1.amazonaws.com");
            }
        };
    }

    /** Final snapshots RDS lists, by DB instance identifier. */
    final Map<String, String> snapshots = new HashMap<>();

    /**
     * RDS and ELBv2 for destroy, logged with the CloudFormation calls so tests see the order. A fake because moto,
     * the local AWS of MotoRoundTripTest, cannot show a snapshot that is missing or late.
     */
    @Override
    public Protection protection() {
        return new Protection() {
            @Override
            public void unprotectDatabase(String id) {
                cfn.calls.add("unprotect database " + id);
            }

            @Override
            public void unprotectLoadBalancer(String arn) {
                cfn.calls.add("unprotect load balancer " + arn);
            }

            @Override
            public Optional<String> latestSnapshot(String id) {
                return Optional.ofNullable(snapshots.get(id));
            }
        };
    }

    static final class StackScript {
        final String name;
        /** The current incarnation's ID; a new one each time a stack of this name is created. */
        String id;

        String status;
        Map<String, String> tags = Map.of(DeployPlan.STACK_TAG, "shop-dev");
        Map<String, Stack.Output> outputs = Map.of();
        Map<String, String> parameters = Map.of();
        List<CloudFormation.StackResource> resources = List.of();
        final List<StackEvent> revealed = new ArrayList<>();
        final Deque<StackEvent> pending = new ArrayDeque<>();
        List<StackEvent> onExecute = List.of();
        List<StackEvent> onDelete = List.of();
        List<StackEvent> onContinueRollback = List.of();
        ChangeSet changeSet;
        /** Polls of the change set that still say CREATE_IN_PROGRESS. */
        int changeSetPending = 1;

        boolean gone;

        @SuppressWarnings("NullAway.Init") // id and status are set when the script creates the stack
        StackScript(String name) {
            this.name = name;
        }
    }

    static final class FakeCloudFormation implements CloudFormation {
        final Map<String, StackScript> stacks = new HashMap<>();
        /** Stacks deleted and then created again under the same name: the deleted incarnation, by its ID. */
        final Map<String, StackScript> retired = new HashMap<>();
        /**
         * Time passes during DescribeStacks too: whatever is still pending happens between a read of the events and
         * the next look at the stack's status.
         */
        boolean revealOnDescribe;

        private int created;
        final List<String> calls = new ArrayList<>();
        final List<ChangeSetRequest> requests = new ArrayList<>();
        int revealPerPoll = 3;

        StackScript stack(String name) {
            return stacks.computeIfAbsent(name, n -> {
                StackScript s = new StackScript(n);
                s.gone = true;
                return s;
            });
        }

        /** A stack of this name comes to life with a fresh ID; a deleted one before it stays reachable by its ID. */
        private void create(StackScript s) {
            if (s.id != null) {
                StackScript old = new StackScript(s.name);
                old.id = s.id;
                old.status = "DELETE_COMPLETE";
                old.gone = true;
                old.tags = s.tags;
                old.revealed.addAll(s.revealed);
                retired.put(old.id, old);
                s.revealed.clear();
            }
            s.id = "arn:aws:cloudformation:eu-west-1:123456789012:stack/" + s.name + "/0a1b2c3d-0000-4000-8000-"
                    + String.format("%012d", ++created);
            s.gone = false;
        }

        /** The stack a name or an ID stands for (a new, never created one for an unknown name). */
        private StackScript resolve(String nameOrId) {
            if (nameOrId.startsWith("arn:")) {
                if (retired.containsKey(nameOrId)) {
                    return retired.get(nameOrId);
                }
                return stacks.values().stream()
                        .filter(s -> nameOrId.equals(s.id))
                        .findFirst()
                        .orElseThrow(() -> doesNotExist(nameOrId));
            }
            return stack(nameOrId);
        }

        /** What the SDK adapter makes of CloudFormation's ValidationError for a stack it does not know. */
        private static DeployException doesNotExist(String nameOrId) {
            return new DeployException(
                    "reading the events of " + nameOrId + ": Stack with id " + nameOrId + " does not exist",
                    "check the stack name and region");
        }

        private void reveal(StackScript s, int count) {
            for (int i = 0; i < count && !s.pending.isEmpty(); i++) {
                StackEvent e = s.pending.poll();
                s.revealed.add(e);
                if (e.isStack()) {
                    s.status = e.status();
                    if (e.status().equals("DELETE_COMPLETE")) {
                        s.gone = true;
                    }
                }
            }
        }

        /** A stack that exists with this status and our tag. */
        StackScript existing(String name, String status) {
            StackScript s = stack(name);
            create(s);
            s.status = status;
            // Every stack has a history: the event that left it in this state.
            s.revealed.add(new StackEvent(
                    "before-" + name,
                    name,
                    name,
                    "",
                    StackEvent.STACK_TYPE,
                    Instant.parse("2026-03-01T08:00:00Z"),
                    status,
                    null));
            return s;
        }

        @Override
        public Optional<Stack> describeStack(String stack) {
            if (!stack.startsWith("arn:") && !stacks.containsKey(stack)) {
                return Optional.empty();
            }
            StackScript s = resolve(stack);
            if (revealOnDescribe) {
                reveal(s, s.pending.size());
            }
            // By ID AWS still shows a deleted stack as DELETE_COMPLETE, which the adapter reports as none, as it does
            // the error AWS gives for the name.
            if (s.gone) {
                return Optional.empty();
            }
            return Optional.of(new Stack(
                    s.name,
                    s.id,
                    s.status,
                    null,
                    Instant.parse("2026-03-02T10:00:00Z"),
                    s.tags,
                    s.outputs,
                    "NOT_CHECKED",
                    null,
                    s.parameters));
        }

        @Override
        public String createChangeSet(ChangeSetRequest request) {
            calls.add("create change set " + request.stackName() + " " + request.type());
            requests.add(request);
            StackScript s = stack(request.stackName());
            if (request.type() == ChangeSetType.CREATE && s.gone) {
                create(s);
                s.status = "REVIEW_IN_PROGRESS";
                s.revealed.add(new StackEvent(
                        "review-" + request.stackName(),
                        request.stackName(),
                        request.stackName(),
                        "",
                        StackEvent.STACK_TYPE,
                        Instant.parse("2026-03-02T09:59:00Z"),
                        "REVIEW_IN_PROGRESS",
                        "User Initiated"));
            }
            return "cs-id";
        }

        @Override
        public ChangeSet describeChangeSet(String stackName, String changeSetName) {
            StackScript s = stack(stackName);
            if (s.changeSetPending-- > 0) {
                return new ChangeSet("cs-id", changeSetName, "CREATE_IN_PROGRESS", "UNAVAILABLE", null, List.of());
            }
            ChangeSet cs = s.changeSet;
            return new ChangeSet(
                    cs.id(), changeSetName, cs.status(), cs.executionStatus(), cs.statusReason(), cs.changes());
        }

        @Override
        public void executeChangeSet(String stackName, String changeSetName) {
            calls.add("execute " + stackName);
            stack(stackName).pending.addAll(stack(stackName).onExecute);
        }

        @Override
        public void deleteChangeSet(String stackName, String changeSetName) {
            calls.add("delete change set " + stackName);
        }

        @Override
        public List<StackEvent> eventsSince(String stack, @Nullable String afterEventId) {
            StackScript s = resolve(stack);
            // Time passes only while someone follows the stack (asks for events after one it has seen).
            if (afterEventId != null) {
                reveal(s, revealPerPoll);
            }
            if (s.gone && !stack.startsWith("arn:")) {
                throw doesNotExist(stack);
            }
            int from = 0;
            for (int i = 0; i < s.revealed.size(); i++) {
                if (s.revealed.get(i).eventId().equals(afterEventId)) {
                    from = i + 1;
                }
            }
            return List.copyOf(s.revealed.subList(from, s.revealed.size()));
        }

        @Override
        public void deleteStack(String stack) {
            StackScript s = resolve(stack);
            calls.add("delete stack " + s.name);
            if (s.onDelete.isEmpty()) {
                // Nothing scripted: gone at once, with the event AWS would have left.
                s.revealed.add(new StackEvent(
                        "deleted-" + s.id,
                        s.name,
                        s.name,
                        s.id,
                        StackEvent.STACK_TYPE,
                        Instant.parse("2026-03-02T10:00:01Z"),
                        "DELETE_COMPLETE",
                        null));
                s.status = "DELETE_COMPLETE";
                s.gone = true;
            } else {
                s.pending.addAll(s.onDelete);
            }
        }

        @Override
        public List<StackResource> resources(String stack) {
            StackScript s = resolve(stack);
            if (s.gone) {
                throw doesNotExist(stack);
            }
            return s.resources;
        }

        @Override
        public void continueUpdateRollback(String stackName) {
            calls.add("continue rollback " + stackName);
            stack(stackName).pending.addAll(stack(stackName).onContinueRollback);
        }

        List<ResourceDrift> drifts = List.of();

        @Override
        public String detectDrift(String stackName) {
            calls.add("detect drift " + stackName);
            return "drift-1";
        }

        int driftPolls = 1;

        @Override
        public DriftDetection describeDriftDetection(String detectionId) {
            return driftPolls-- > 0
                    ? new DriftDetection("DETECTION_IN_PROGRESS", null, null)
                    : new DriftDetection(
                            "DETECTION_COMPLETE",
                            drifts.stream().anyMatch(d -> !d.status().equals("IN_SYNC")) ? "DRIFTED" : "IN_SYNC",
                            null);
        }

        @Override
        public List<ResourceDrift> resourceDrifts(String stackName) {
            return drifts;
        }
    }

    /** A clock that moves only when slept on. */
    static final class FakeWaiter implements Waiter {
        Instant now = Instant.parse("2026-03-02T10:00:00Z");
        int sleeps;

        @Override
        public Instant now() {
            return now;
        }

        @Override
        public void sleep(Duration duration) {
            sleeps++;
            now = now.plus(duration);
        }
    }

    /** Captured output; questions answered from a list, or no terminal at all. */
    static final class TestConsole implements Console {
        final java.io.StringWriter outText = new java.io.StringWriter();
        final java.io.StringWriter errText = new java.io.StringWriter();
        final java.io.PrintWriter out = new java.io.PrintWriter(outText, true);
        final java.io.PrintWriter err = new java.io.PrintWriter(errText, true);
        final boolean interactive;
        final boolean live;
        final Deque<String> answers;
        final List<String> questions = new ArrayList<>();

        TestConsole(boolean interactive, boolean live, String... answers) {
            this.interactive = interactive;
            this.live = live;
            this.answers = new ArrayDeque<>(List.of(answers));
        }

        static TestConsole ci() {
            return new TestConsole(false, false);
        }

        @Override
        public java.io.PrintWriter out() {
            return out;
        }

        @Override
        public java.io.PrintWriter err() {
            return err;
        }

        @Override
        public boolean interactive() {
            return interactive;
        }

        @Override
        public boolean live() {
            return live;
        }

        @Override
        public String ask(String question) {
            questions.add(question);
            return answers.poll();
        }

        String stdout() {
            out.flush();
            return outText.toString();
        }

        String stderr() {
            err.flush();
            return errText.toString();
        }
    }

    static Map<String, Stack.Output> outputs(String... keyValues) {
        Map<String, Stack.Output> m = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], new Stack.Output(keyValues[i + 1], ""));
        }
        return m;
    }
}
