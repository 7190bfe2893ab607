package dev.stackwright.deploy;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Deletes an application's stacks, last deployed first (the app stack imports from the network stack). Asks for the
 * application's stack name to be typed unless confirmed in advance; afterwards lists what CloudFormation kept.
 */
public final class Destroyer {
    private final CloudFormation cfn;
    private final Console console;
    private final Waiter waiter;
    private final Follower follower;

    public Destroyer(Aws aws, Console console, Waiter waiter, Duration poll) {
        this.cfn = aws.cloudFormation();
        this.console = console;
        this.waiter = waiter;
        this.follower = new Follower(aws, console, waiter, poll);
    }

    /** @param appName the {@code <name>-<environment>} the user types to confirm */
    public int destroy(String appName, List<StackDeployment> stacks, Deployer.Options options) {
        Instant deadline = waiter.now().plus(options.timeout());
        PrintWriter out = console.out();
        PrintWriter err = console.err();
        List<StackDeployment> reversed = new ArrayList<>(stacks).reversed();
        List<Found> existing = new ArrayList<>();
        for (StackDeployment s : reversed) {
            Optional<Stack> found = cfn.describeStack(s.stackName());
            if (found.isPresent()) {
                Deployer.checkOwner(s, found.get());
                if (found.get().inProgress()) {
                    throw new DeployException(s.stackName() + " is busy (" + found.get().status() + ")",
                            "wait for it to finish (`stackwright status`), then destroy");
                }
                existing.add(new Found(s, found.get()));
                out.println("Will delete " + s.stackName() + " (" + found.get().status() + ")");
                for (StackDeployment.KeptResource k : s.keptOnDelete()) {
                    out.println("  keeps " + k.logicalId() + " (" + k.type() + ")"
                            + (k.policy().equals("Snapshot") ? " as a final snapshot" : ": retained"));
                }
            }
        }
        if (existing.isEmpty()) {
            out.println("Nothing to destroy: no stack of " + appName + " exists here.");
            return 0;
        }
        out.flush();
        if (!options.yes()) {
            if (!console.interactive()) {
                throw new DeployException("destroy needs your confirmation, and there is no terminal to ask at",
                        "run `stackwright destroy --yes` to delete without asking");
            }
            String typed = console.ask("This cannot be undone. Type " + appName + " to delete it: ");
            if (!appName.equals(typed)) {
                err.println("Not deleted: the name typed does not match " + appName + ".");
                return 1;
            }
        }
        List<String> kept = new ArrayList<>();
        for (Found f : existing) {
            StackDeployment s = f.deployment();
            // Followed by ID: once deleted, CloudFormation no longer answers to the stack's name.
            String after = follower.latestEventId(f.stack().id());
            cfn.deleteStack(f.stack().id());
            err.println("Deleting " + s.stackName() + "...");
            Progress progress = new Progress(console, s.stackName(), "delete", s.resourceCount(), History.inMemory());
            Follower.Result r = follower.follow(f.stack().id(), progress, after, deadline);
            if (r.timedOut() || !r.status().equals("DELETE_COMPLETE")) {
                err.println(s.stackName() + ": " + (r.timedOut() ? "still deleting when the timeout came" : "delete ended in " + r.status())
                        + ". Run `stackwright destroy` again; resources that keep failing must be deleted by hand.");
                return 1;
            }
            err.println(s.stackName() + ": deleted.");
            for (StackEvent e : r.events()) {
                if (e.status().equals("DELETE_SKIPPED")) {
                    kept.add(e.logicalId() + " (" + e.resourceType() + ") " + nullToEmpty(e.physicalId()) + " retained");
                }
            }
            for (StackDeployment.KeptResource k : s.keptOnDelete()) {
                if (k.policy().equals("Snapshot")) {
                    kept.add(k.logicalId() + " (" + k.type() + ") kept as a final snapshot: "
                            + "`aws rds describe-db-snapshots --snapshot-type manual` lists it");
                }
            }
        }
        if (!kept.isEmpty()) {
            out.println("Kept (delete them by hand when no longer needed; they may cost money):");
            kept.stream().map(String::strip).forEach(k -> out.println("  " + k));
        }
        out.flush();
        return 0;
    }

    /** A stack of the application that exists, as DescribeStacks found it before anything was deleted. */
    private record Found(StackDeployment deployment, Stack stack) {
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
