package dev.stackwright.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Deletes an environment's stacks, last deployed first (the app stack imports from the network stack), never the
 * project's registry stack, which every environment shares and which holds the images. The project's pipeline stack
 * goes with the spec that writes it (nothing imports from it; its artifact bucket is kept). Asks for the
 * application's stack name to be typed unless confirmed in advance; only then turns off the deletion protection of
 * the database and the load balancer (prod sets both, and CloudFormation cannot delete them otherwise). Afterwards
 * lists what CloudFormation kept, the database's final snapshot by name once RDS shows it.
 */
public final class Destroyer {
    private static final String DB_INSTANCE = "AWS::RDS::DBInstance";
    private static final String LOAD_BALANCER = "AWS::ElasticLoadBalancingV2::LoadBalancer";

    private final Aws aws;
    private final CloudFormation cfn;
    private final Console console;
    private final Waiter waiter;
    private final Follower follower;

    public Destroyer(Aws aws, Console console, Waiter waiter, Duration poll) {
        this.aws = aws;
        this.cfn = aws.cloudFormation();
        this.console = console;
        this.waiter = waiter;
        this.follower = new Follower(aws, console, waiter, poll);
    }

    /**
     * Deletes the stacks once the user confirms.
     *
     * @param appName the {@code <name>-<environment>} the user types to confirm
     */
    public int destroy(String appName, List<StackDeployment> stacks, Deployer.Options options) {
        Instant deadline = waiter.now().plus(options.timeout());
        PrintWriter out = console.out();
        PrintWriter err = console.err();
        List<StackDeployment> reversed = new ArrayList<>(stacks).reversed();
        List<Found> existing = new ArrayList<>();
        for (StackDeployment s : reversed) {
            Optional<Stack> found = cfn.describeStack(s.stackName());
            if (s.role() == StackDeployment.Role.REGISTRY) {
                // Shared by every environment of the project, and it holds the images: one environment's destroy
                // never deletes it (CloudFormation would refuse anyway while another app stack imports its exports).
                found.ifPresent(stack -> out.println("Keeps " + s.stackName()
                        + " (the project's image repository, shared by every environment): delete it by hand once no "
                        + "environment runs from it, see docs/deploy.md"));
                continue;
            }
            if (found.isPresent()) {
                Deployer.checkOwner(s, found.get());
                if (found.get().inProgress()) {
                    throw new DeployException(
                            s.stackName() + " is busy (" + found.get().status() + ")",
                            "wait for it to finish (`stackwright status`), then destroy");
                }
                existing.add(new Found(s, found.get()));
                out.println("Will delete " + s.stackName() + " (" + found.get().status() + ")"
                        + (s.role() == StackDeployment.Role.PIPELINE
                                ? ": the project's pipeline, written in this spec; no environment is released to"
                                        + " any more (the app stacks stay as they are)"
                                : ""));
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
                throw new DeployException(
                        "destroy needs your confirmation, and there is no terminal to ask at",
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
            // Physical IDs are read before the delete: afterwards the stack no longer lists its resources.
            Map<String, String> physical =
                    needsPhysicalIds(s) ? physicalIds(f.stack().id()) : Map.of();
            unprotect(s, physical, out);
            // Followed by ID: once deleted, CloudFormation no longer answers to the stack's name.
            String after = follower.latestEventId(f.stack().id());
            cfn.deleteStack(f.stack().id());
            err.println("Deleting " + s.stackName() + "...");
            Progress progress = new Progress(console, s.stackName(), "delete", s.resourceCount(), History.inMemory());
            Follower.Result r = follower.follow(f.stack().id(), progress, after, deadline);
            if (r.timedOut() || !r.status().equals("DELETE_COMPLETE")) {
                err.println(s.stackName() + ": "
                        + (r.timedOut() ? "still deleting when the timeout came" : "delete ended in " + r.status())
                        + ". Run `stackwright destroy` again; resources that keep failing must be deleted by hand.");
                return 1;
            }
            err.println(s.stackName() + ": deleted.");
            for (StackEvent e : r.events()) {
                if (e.status().equals("DELETE_SKIPPED")) {
                    kept.add(
                            e.logicalId() + " (" + e.resourceType() + ") " + nullToEmpty(e.physicalId()) + " retained");
                }
            }
            for (StackDeployment.KeptResource k : s.keptOnDelete()) {
                if (k.policy().equals("Snapshot")) {
                    kept.add(finalSnapshot(k, physical.get(k.logicalId())));
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

    private static boolean needsPhysicalIds(StackDeployment s) {
        return !protectedResources(s).isEmpty()
                || s.keptOnDelete().stream()
                        .anyMatch(
                                k -> k.type().equals(DB_INSTANCE) && k.policy().equals("Snapshot"));
    }

    private Map<String, String> physicalIds(String stackId) {
        Map<String, String> ids = new HashMap<>();
        for (CloudFormation.StackResource r : cfn.resources(stackId)) {
            if (r.physicalId() != null && !r.physicalId().isBlank()) {
                ids.put(r.logicalId(), r.physicalId());
            }
        }
        return ids;
    }

    /**
     * The template's databases and load balancers with deletion protection on, by logical ID, sorted. CloudFormation
     * refuses to delete them (DELETE_FAILED) while it is on.
     */
    static List<Guarded> protectedResources(StackDeployment s) {
        List<Guarded> found = new ArrayList<>();
        s.template().path("Resources").properties().forEach(e -> {
            String type = e.getValue().path("Type").asText();
            JsonNode properties = e.getValue().path("Properties");
            boolean on = switch (type) {
                case DB_INSTANCE ->
                    properties.path("DeletionProtection").asText().equals("true");
                case LOAD_BALANCER -> {
                    boolean enabled = false;
                    for (JsonNode a : properties.path("LoadBalancerAttributes")) {
                        enabled |= a.path("Key").asText().equals("deletion_protection.enabled")
                                && a.path("Value").asText().equals("true");
                    }
                    yield enabled;
                }
                default -> false;
            };
            if (on) {
                found.add(new Guarded(e.getKey(), type));
            }
        });
        found.sort(java.util.Comparator.comparing(Guarded::logicalId));
        return found;
    }

    /** A resource of the template that has deletion protection on. */
    record Guarded(String logicalId, String type) {}

    /** Called only after the user confirmed: turning protection off is the first step of deleting. */
    private void unprotect(StackDeployment s, Map<String, String> physical, PrintWriter out) {
        for (Guarded r : protectedResources(s)) {
            String id = physical.get(r.logicalId());
            if (id == null) {
                continue; // never created, or already gone: nothing protects it
            }
            out.println("Turning off deletion protection on " + r.logicalId() + " (" + r.type() + ") " + id);
            out.flush();
            if (r.type().equals(DB_INSTANCE)) {
                aws.protection().unprotectDatabase(id);
            } else {
                aws.protection().unprotectLoadBalancer(id);
            }
        }
    }

    /** Says "kept" only of a snapshot RDS lists; otherwise says that it could not find one. */
    private String finalSnapshot(StackDeployment.KeptResource k, @Nullable String physicalId) {
        String what = k.logicalId() + " (" + k.type() + ")";
        if (!k.type().equals(DB_INSTANCE) || physicalId == null) {
            return what + " kept as a final snapshot";
        }
        Optional<String> snapshot = aws.protection().latestSnapshot(physicalId);
        return snapshot.map(id -> what + " kept: final snapshot " + id)
                .orElse(what + ": no final snapshot of " + physicalId
                        + " was found; RDS may still be making it. Check with `aws rds describe-db-snapshots --db-instance-identifier "
                        + physicalId + "`");
    }

    /** A stack of the application that exists, as DescribeStacks found it before anything was deleted. */
    private record Found(StackDeployment deployment, Stack stack) {}

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
