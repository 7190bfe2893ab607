package dev.stackwright.deploy;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Deploys an application's stacks in order through change sets: for each, make sure the stack can take a change
 * (recover or refuse the states that cannot), create a change set, show it, ask, execute and follow it. Also previews
 * ({@link #diff}) the same way without executing.
 */
public final class Deployer {
    /** CloudFormation's limit for a template sent inline; larger ones go through S3. */
    public static final int INLINE_LIMIT = 51_200;

    private static final DateTimeFormatter CHANGE_SET_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final Pattern OUTPUT_THAT_MATTERS =
            Pattern.compile("(?i).*(url|endpoint|session|command|dns|domain).*|VpcId");

    private final Aws aws;
    private final CloudFormation cfn;
    private final Console console;
    private final Waiter waiter;
    private final History history;
    private final Duration poll;
    private final Follower follower;

    /**
     * How a deploy asks and waits.
     *
     * @param yes           confirmed in advance: no questions
     * @param waitForOthers wait for an operation someone else started instead of refusing
     * @param timeout       for the whole command
     */
    public record Options(boolean yes, boolean waitForOthers, Duration timeout) {}

    enum Outcome {
        DEPLOYED,
        NO_CHANGES,
        DECLINED,
        FAILED
    }

    public Deployer(Aws aws, Console console, Waiter waiter, History history, Duration poll) {
        this.aws = aws;
        this.cfn = aws.cloudFormation();
        this.console = console;
        this.waiter = waiter;
        this.history = history;
        this.poll = poll;
        this.follower = new Follower(aws, console, waiter, poll);
    }

    // ---- deploy ---------------------------------------------------------------------------------------------------

    /** Deploys the stacks in order; stops at the first that fails or is declined. Returns the exit code. */
    public int deploy(List<StackDeployment> stacks, Options options) {
        return deploy(stacks, options, BeforeApp.NOTHING);
    }

    /**
     * Deploys the stacks in order, asking {@code beforeApp} for the app stack just before it (the stacks before it,
     * the registry among them, are deployed by then); stops at the first that fails or is declined, or when
     * {@code beforeApp} throws. Returns the exit code.
     */
    public int deploy(List<StackDeployment> stacks, Options options, BeforeApp beforeApp) {
        Instant deadline = waiter.now().plus(options.timeout());
        boolean changed = false;
        for (StackDeployment next : stacks) {
            StackDeployment s = next.role() == StackDeployment.Role.APP ? beforeApp.prepare(next, deadline) : next;
            Outcome outcome = deployOne(s, options, deadline);
            if (outcome == Outcome.DECLINED || outcome == Outcome.FAILED) {
                return 1;
            }
            changed |= outcome == Outcome.DEPLOYED;
        }
        printOutputs(stacks, changed);
        return 0;
    }

    private Outcome deployOne(StackDeployment s, Options options, Instant deadline) {
        PrintWriter out = console.out();
        PrintWriter err = console.err();
        Optional<Stack> existing = ready(s, options, deadline);
        CloudFormation.ChangeSetType type =
                existing.isEmpty() || existing.get().status().equals("REVIEW_IN_PROGRESS")
                        ? CloudFormation.ChangeSetType.CREATE
                        : CloudFormation.ChangeSetType.UPDATE;
        ChangeSet changeSet = createChangeSet(s, type, kept(s, existing), deadline);
        if (changeSet.empty()) {
            cleanUp(s, changeSet, type);
            out.println(s.stackName() + ": no changes");
            return Outcome.NO_CHANGES;
        }
        out.print(DiffText.render(s.stackName(), changeSet));
        out.flush();
        if (!confirmed(s, changeSet, type, options)) {
            cleanUp(s, changeSet, type);
            err.println("Nothing was changed.");
            return Outcome.DECLINED;
        }
        String operation = type == CloudFormation.ChangeSetType.CREATE ? "create" : "update";
        String stackId = stackId(s.stackName());
        String after = follower.latestEventId(stackId);
        cfn.executeChangeSet(s.stackName(), changeSet.name());
        int total = type == CloudFormation.ChangeSetType.CREATE
                ? s.resourceCount()
                : changeSet.changes().size();
        err.println((type == CloudFormation.ChangeSetType.CREATE ? "Creating " : "Updating ") + s.stackName() + " ("
                + DiffText.count(total, type == CloudFormation.ChangeSetType.CREATE ? "resource" : "change") + ")"
                + history.stack(s.stackName(), operation)
                        .map(d -> ", usually " + Progress.human(d))
                        .orElse("") + "...");
        Progress progress = new Progress(console, s.stackName(), operation, total, history);
        Follower.Result result = follower.follow(stackId, progress, after, deadline);
        if (result.timedOut()) {
            timedOut(s.stackName(), progress, options.timeout());
            return Outcome.FAILED;
        }
        if (result.status().equals("CREATE_COMPLETE") || result.status().equals("UPDATE_COMPLETE")) {
            Duration took = progress.took();
            history.record(s.stackName(), operation, took, progress.byType());
            history.save();
            err.println(s.stackName() + ": " + result.status() + " in " + Progress.human(took) + ".");
            return Outcome.DEPLOYED;
        }
        err.println(outcomeOfFailure(s.stackName(), result));
        return Outcome.FAILED;
    }

    /**
     * The stack as it can take a change set (empty when there is none yet), after dealing with the states that
     * cannot: a failed first create, a failed update rollback, an operation still running.
     */
    private Optional<Stack> ready(StackDeployment s, Options options, Instant deadline) {
        PrintWriter err = console.err();
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<Stack> found = cfn.describeStack(s.stackName());
            if (found.isEmpty()) {
                return found;
            }
            Stack stack = found.get();
            checkOwner(s, stack);
            String status = stack.status();
            if (stack.inProgress()) {
                String what = s.stackName() + " is busy (" + status + "), started outside this command";
                if (!options.waitForOthers() && !ask(what + ". Wait for it to finish? [y/N] ")) {
                    throw new DeployException(
                            what + ".",
                            "wait for it to finish (`stackwright status`), or rerun with --wait to wait here");
                }
                err.println(what + "; waiting for it to finish...");
                Progress progress = new Progress(console, s.stackName(), "other", 0, history);
                // What runs may be a delete: followed by ID, which outlives the stack (see Follower#follow).
                Follower.Result r = follower.follow(stack.id(), progress, follower.latestEventId(stack.id()), deadline);
                if (r.timedOut()) {
                    throw new DeployException(
                            "timed out waiting for " + s.stackName() + " (" + r.status() + ")",
                            "raise --timeout, or try again later");
                }
                continue;
            }
            switch (status) {
                case "ROLLBACK_COMPLETE" -> {
                    err.println(
                            s.stackName() + " failed to create and was rolled back (ROLLBACK_COMPLETE). "
                                    + "CloudFormation cannot update such a stack; it holds no resources and must be deleted first.");
                    explainLastFailure(s.stackName());
                    if (!options.yes() && !ask("Delete " + s.stackName() + " and create it again? [y/N] ")) {
                        throw new DeployException(
                                s.stackName() + " must be deleted before it can be created again",
                                "run `stackwright deploy --yes` to delete it and create it again, or `stackwright destroy`");
                    }
                    delete(s, stack, deadline);
                }
                case "UPDATE_ROLLBACK_FAILED" -> {
                    err.println(s.stackName()
                            + " is stuck: an update failed, and so did undoing it (UPDATE_ROLLBACK_FAILED). "
                            + "Nothing can change until the rollback is continued.");
                    explainLastFailure(s.stackName());
                    if (!options.yes() && !ask("Continue the rollback now (continue-update-rollback)? [y/N] ")) {
                        throw new DeployException(
                                s.stackName() + " is in UPDATE_ROLLBACK_FAILED",
                                "fix what the rollback tripped on (above), then rerun with --yes to continue the rollback");
                    }
                    String after = follower.latestEventId(stack.id());
                    cfn.continueUpdateRollback(s.stackName());
                    err.println("Continuing the rollback of " + s.stackName() + "...");
                    Follower.Result r = follower.follow(
                            stack.id(), new Progress(console, s.stackName(), "rollback", 0, history), after, deadline);
                    if (r.timedOut() || !r.status().equals("UPDATE_ROLLBACK_COMPLETE")) {
                        throw new DeployException(
                                "the rollback of " + s.stackName() + " ended in " + r.status(),
                                "fix the resource named above by hand, then run `stackwright deploy` again");
                    }
                    err.println(s.stackName() + ": rolled back (UPDATE_ROLLBACK_COMPLETE).");
                }
                case "ROLLBACK_FAILED", "DELETE_FAILED", "CREATE_FAILED", "UPDATE_FAILED", "IMPORT_ROLLBACK_FAILED" -> {
                    explainLastFailure(s.stackName());
                    throw new DeployException(
                            s.stackName() + " is in " + status + ", which CloudFormation cannot update",
                            "delete it with `stackwright destroy` (resources that fail to delete are listed), then deploy again");
                }
                default -> {
                    return found;
                }
            }
        }
        throw new DeployException(s.stackName() + " keeps changing state", "run `stackwright status` and try again");
    }

    /** Deletes a stack and follows it by ID to the end: by name, CloudFormation no longer knows it once deleted. */
    private void delete(StackDeployment s, Stack stack, Instant deadline) {
        String after = follower.latestEventId(stack.id());
        cfn.deleteStack(stack.id());
        console.err().println("Deleting " + s.stackName() + "...");
        Follower.Result r = follower.follow(
                stack.id(), new Progress(console, s.stackName(), "delete", 0, history), after, deadline);
        if (!r.status().equals("DELETE_COMPLETE")) {
            throw new DeployException(
                    "could not delete " + s.stackName() + " (" + r.status() + ")",
                    "delete it in the CloudFormation console, keeping the resources that fail to delete");
        }
    }

    /** The ID of a stack that exists (a change set was just made for it), to follow it by. */
    private String stackId(String stackName) {
        return cfn.describeStack(stackName)
                .map(Stack::id)
                .orElseThrow(() -> new DeployException(
                        stackName + " disappeared while its change set was being made",
                        "run `stackwright status`, then deploy again"));
    }

    /** Stacks we did not create are never touched. */
    static void checkOwner(StackDeployment s, Stack stack) {
        String expected = s.tags().get(DeployPlan.STACK_TAG);
        Optional<String> actual = stack.tag(DeployPlan.STACK_TAG);
        if (actual.isEmpty() || !actual.get().equals(expected)) {
            throw new DeployException(
                    "a stack named " + s.stackName() + " already exists and was not created by Stackwright for "
                            + expected
                            + actual.map(a -> " (it belongs to " + a + ")")
                                    .orElse(" (it has no " + DeployPlan.STACK_TAG + " tag)"),
                    "choose another `name` or `environment` in the spec, or delete that stack yourself if it is unused");
        }
    }

    private void explainLastFailure(String stackName) {
        List<StackEvent> events = cfn.eventsSince(stackName, null);
        RootCause.find(events).ifPresent(e -> console.err().println("The last failure: " + RootCause.describe(e)));
    }

    /**
     * The parameters that keep their deployed value: those the stack asks to keep which the deployed stack has. A stack
     * being created (or without the parameter yet) takes the template's default instead.
     */
    private static java.util.Set<String> kept(StackDeployment s, Optional<Stack> existing) {
        java.util.Set<String> has = existing.filter(e -> !e.status().equals("REVIEW_IN_PROGRESS"))
                .map(e -> e.parameters().keySet())
                .orElse(java.util.Set.of());
        return s.kept().stream().filter(has::contains).collect(java.util.stream.Collectors.toSet());
    }

    private ChangeSet createChangeSet(
            StackDeployment s, CloudFormation.ChangeSetType type, java.util.Set<String> kept, Instant deadline) {
        String name = "stackwright-" + CHANGE_SET_TIME.format(waiter.now());
        String body = s.templateBody();
        String url = null;
        int bytes = body.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > INLINE_LIMIT) {
            TemplateStore.Upload upload = aws.templates().upload(s.stackName(), body);
            if (upload.bucketCreated()) {
                console.err()
                        .println(
                                "Created the template bucket " + upload.bucket()
                                        + " (encrypted, private, versioned, old templates expire) for templates over CloudFormation's inline limit.");
            }
            console.err()
                    .println("The " + s.stackName() + " template is " + bytes + " bytes, over the " + INLINE_LIMIT
                            + "-byte inline limit: uploaded to s3://" + upload.bucket() + "/" + upload.key() + ".");
            body = null;
            url = upload.url();
        }
        cfn.createChangeSet(new CloudFormation.ChangeSetRequest(
                s.stackName(),
                name,
                type,
                body,
                url,
                s.parameters(),
                s.tags(),
                "Stackwright " + s.role().id() + " stack",
                type == CloudFormation.ChangeSetType.CREATE ? java.util.Set.of() : kept));
        while (true) {
            ChangeSet cs = cfn.describeChangeSet(s.stackName(), name);
            if (cs.ready() || cs.failed()) {
                if (cs.failed() && !cs.empty()) {
                    cleanUp(s, cs, type);
                    throw new DeployException(
                            "CloudFormation rejected the change set for " + s.stackName() + ": "
                                    + Reasons.firstSentence(cs.statusReason()),
                            "fix the cause; `stackwright synth` writes the template for a closer look");
                }
                return cs;
            }
            if (!waiter.now().isBefore(deadline)) {
                throw new DeployException(
                        "timed out waiting for the change set of " + s.stackName(), "raise --timeout and try again");
            }
            waiter.sleep(poll);
        }
    }

    /** Removes a change set that will not run, and the empty stack a CREATE change set made. */
    private void cleanUp(StackDeployment s, ChangeSet cs, CloudFormation.ChangeSetType type) {
        if (type == CloudFormation.ChangeSetType.CREATE) {
            cfn.deleteStack(s.stackName());
        } else {
            cfn.deleteChangeSet(s.stackName(), cs.name());
        }
    }

    private boolean confirmed(StackDeployment s, ChangeSet cs, CloudFormation.ChangeSetType type, Options options) {
        if (options.yes()) {
            return true;
        }
        if (!console.interactive()) {
            cleanUp(s, cs, type);
            throw new DeployException(
                    "the changes to " + s.stackName() + " need your confirmation, and there is no terminal to ask at",
                    "review them with `stackwright diff`, then run `stackwright deploy --yes`");
        }
        if (DiffText.risksData(cs)) {
            String answer = console.ask("Data is at risk. Type the stack name (" + s.stackName() + ") to go ahead: ");
            return s.stackName().equals(answer);
        }
        return ask("Deploy these changes to " + s.stackName() + "? [y/N] ");
    }

    private boolean ask(String question) {
        if (!console.interactive()) {
            return false;
        }
        String answer = console.ask(question);
        return answer != null && (answer.equalsIgnoreCase("y") || answer.equalsIgnoreCase("yes"));
    }

    private void timedOut(String stackName, Progress progress, Duration timeout) {
        List<String> running = progress.running();
        console.err()
                .println("Timed out after " + Progress.human(timeout) + " waiting for " + stackName
                        + (running.isEmpty() ? "" : "; still running: " + String.join(", ", running)) + ".");
        console.err()
                .println(
                        "CloudFormation carries on: follow it with `stackwright status`, or raise --timeout next time.");
    }

    private static String outcomeOfFailure(String stackName, Follower.Result r) {
        return switch (r.status()) {
            case "ROLLBACK_COMPLETE" ->
                stackName + ": rolled back (ROLLBACK_COMPLETE); nothing was created. Fix the cause above "
                        + "and deploy again: Stackwright offers to delete the failed stack and create it afresh.";
            case "UPDATE_ROLLBACK_COMPLETE" ->
                stackName + ": rolled back (UPDATE_ROLLBACK_COMPLETE); the stack is as it was before "
                        + "this deploy. Fix the cause above and deploy again.";
            case "UPDATE_ROLLBACK_FAILED" ->
                stackName + ": the rollback failed too (UPDATE_ROLLBACK_FAILED). Fix what it tripped on, "
                        + "then deploy again: Stackwright offers to continue the rollback.";
            case "ROLLBACK_FAILED" ->
                stackName + ": the rollback failed too (ROLLBACK_FAILED). Delete the stack with "
                        + "`stackwright destroy` and deploy again.";
            default -> stackName + ": ended in " + r.status() + ".";
        };
    }

    private void printOutputs(List<StackDeployment> stacks, boolean changed) {
        PrintWriter out = console.out();
        StringBuilder lines = new StringBuilder();
        for (StackDeployment s : stacks) {
            cfn.describeStack(s.stackName())
                    .ifPresent(stack -> stack.outputs().forEach((key, o) -> {
                        if (OUTPUT_THAT_MATTERS.matcher(key).matches()) {
                            lines.append(StackReports.outputLine(key, o.value()))
                                    .append('\n');
                        }
                    }));
        }
        if (!lines.isEmpty()) {
            out.println(changed ? "Deployed. Outputs:" : "Outputs:");
            out.print(lines);
            out.println("`stackwright status` lists every output.");
        }
        out.flush();
    }

    // ---- diff -----------------------------------------------------------------------------------------------------

    /** Shows each stack's change set and deletes it. Stacks after a new one are summarised (they import from it). */
    public int diff(List<StackDeployment> stacks, Options options) {
        PrintWriter out = console.out();
        preview(stacks, options, d -> {
            out.print(DiffText.render(d));
            out.flush();
        });
        return 0;
    }

    /**
     * Finds what a deploy would change, stack by stack, handing each to {@code shown} as soon as it is known; makes a
     * change set for each stack that can take one and deletes it.
     */
    public void preview(List<StackDeployment> stacks, Options options, Consumer<StackDiff> shown) {
        Instant deadline = waiter.now().plus(options.timeout());
        String createdBefore = null;
        for (StackDeployment s : stacks) {
            if (createdBefore != null) {
                shown.accept(new StackDiff.Note(
                        s.stackName(),
                        "new, " + DiffText.count(s.resourceCount(), "resource") + " to add (after " + createdBefore
                                + ")"));
                continue;
            }
            Optional<Stack> found = cfn.describeStack(s.stackName());
            found.ifPresent(stack -> checkOwner(s, stack));
            if (found.isPresent() && found.get().inProgress()) {
                throw new DeployException(
                        s.stackName() + " is busy (" + found.get().status() + ")",
                        "wait for it to finish (`stackwright status`) and run diff again");
            }
            String status = found.map(Stack::status).orElse("");
            if (status.equals("ROLLBACK_COMPLETE")) {
                shown.accept(new StackDiff.Note(
                        s.stackName(),
                        "failed create (ROLLBACK_COMPLETE); deploy deletes it and creates "
                                + DiffText.count(s.resourceCount(), "resource")));
                createdBefore = s.stackName();
                continue;
            }
            if (Follower.failedStatus(status) && !status.equals("UPDATE_ROLLBACK_COMPLETE")) {
                shown.accept(new StackDiff.Note(s.stackName(), status + "; deploy explains how to recover"));
                continue;
            }
            CloudFormation.ChangeSetType type = found.isEmpty() || status.equals("REVIEW_IN_PROGRESS")
                    ? CloudFormation.ChangeSetType.CREATE
                    : CloudFormation.ChangeSetType.UPDATE;
            ChangeSet cs = createChangeSet(s, type, kept(s, found), deadline);
            cleanUp(s, cs, type);
            shown.accept(new StackDiff.Changes(s.stackName(), cs));
            if (type == CloudFormation.ChangeSetType.CREATE) {
                createdBefore = s.stackName();
            }
        }
    }
}
