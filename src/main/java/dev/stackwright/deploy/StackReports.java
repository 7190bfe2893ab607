package dev.stackwright.deploy;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** {@code status} (the stacks, their state, drift status and outputs) and {@code drift} (detect and explain). */
public final class StackReports {
    private final CloudFormation cfn;
    private final Console console;
    private final Waiter waiter;
    private final Duration poll;

    public StackReports(Aws aws, Console console, Waiter waiter, Duration poll) {
        this.cfn = aws.cloudFormation();
        this.console = console;
        this.waiter = waiter;
        this.poll = poll;
    }

    public int status(List<StackDeployment> stacks) {
        PrintWriter out = console.out();
        for (StackDeployment s : stacks) {
            Optional<Stack> found = cfn.describeStack(s.stackName());
            if (found.isEmpty()) {
                out.println(s.stackName() + "  not deployed");
                continue;
            }
            Stack st = found.get();
            out.println(s.stackName() + "  " + st.status()
                    + (st.lastChanged() == null ? "" : "  (since " + st.lastChanged() + ")"));
            if (st.statusReason() != null && !st.statusReason().isBlank()) {
                out.println("  reason: " + Reasons.firstSentence(st.statusReason()));
            }
            if (st.driftStatus() != null && !st.driftStatus().equals("NOT_CHECKED")) {
                out.println("  drift:  " + st.driftStatus()
                        + (st.driftCheckedAt() == null ? "" : " (checked " + st.driftCheckedAt() + ")"));
            } else {
                out.println("  drift:  not checked (`stackwright drift` checks)");
            }
            if (!st.tag(DeployPlan.STACK_TAG)
                    .map(t -> t.equals(s.tags().get(DeployPlan.STACK_TAG)))
                    .orElse(false)) {
                out.println("  note:   not created by Stackwright for "
                        + s.tags().get(DeployPlan.STACK_TAG) + "; deploy will not touch it");
            }
            st.outputs().forEach((key, o) -> out.println(outputLine(key, o.value())));
        }
        out.flush();
        return 0;
    }

    /** Detects drift on every deployed stack; exit 1 when something drifted. */
    public int drift(List<StackDeployment> stacks, Duration timeout) {
        Instant deadline = waiter.now().plus(timeout);
        PrintWriter out = console.out();
        boolean drifted = false;
        boolean any = false;
        for (StackDeployment s : stacks) {
            Optional<Stack> found = cfn.describeStack(s.stackName());
            if (found.isEmpty()) {
                continue;
            }
            any = true;
            Deployer.checkOwner(s, found.get());
            console.err().println("Checking " + s.stackName() + " for drift...");
            String id = cfn.detectDrift(s.stackName());
            CloudFormation.DriftDetection d = cfn.describeDriftDetection(id);
            while (d.status().equals("DETECTION_IN_PROGRESS")) {
                if (!waiter.now().isBefore(deadline)) {
                    throw new DeployException(
                            "timed out detecting drift on " + s.stackName(), "raise --timeout and try again");
                }
                waiter.sleep(poll);
                d = cfn.describeDriftDetection(id);
            }
            if (d.status().equals("DETECTION_FAILED") && d.reason() != null) {
                out.println(s.stackName() + ": drift detection incomplete: " + Reasons.firstSentence(d.reason()));
            }
            List<CloudFormation.ResourceDrift> all = cfn.resourceDrifts(s.stackName());
            List<CloudFormation.ResourceDrift> changed = all.stream()
                    .filter(r -> r.status().equals("MODIFIED") || r.status().equals("DELETED"))
                    .sorted(java.util.Comparator.comparing(CloudFormation.ResourceDrift::logicalId))
                    .toList();
            if (changed.isEmpty()) {
                out.println(s.stackName() + ": in sync (" + DiffText.count(all.size(), "resource") + " checked)");
                continue;
            }
            drifted = true;
            out.println(s.stackName() + ": DRIFTED, " + changed.size() + " of " + DiffText.count(all.size(), "resource")
                    + " changed outside CloudFormation");
            for (CloudFormation.ResourceDrift r : changed) {
                out.println("  " + (r.status().equals("DELETED") ? "- " : "~ ") + r.logicalId() + " ("
                        + r.resourceType() + ") " + r.status() + (r.physicalId() == null ? "" : " " + r.physicalId()));
                for (CloudFormation.PropertyDifference p : r.differences()) {
                    out.println("      " + p.path() + " " + p.type().toLowerCase(Locale.ROOT) + ": expected "
                            + shorten(p.expected()) + ", actual " + shorten(p.actual()));
                }
            }
        }
        if (!any) {
            out.println("Nothing deployed: no stack to check.");
        } else if (drifted) {
            out.println(
                    "Fix: undo the changes by hand (a deploy does not revert drift on resources whose template is unchanged), "
                            + "or describe what you need in the spec and deploy.");
        }
        out.flush();
        return drifted ? 1 : 0;
    }

    private static String shorten(@Nullable String value) {
        if (value == null) {
            return "(none)";
        }
        String v = value.replaceAll("\\s+", " ");
        return v.length() > 80 ? v.substring(0, 77) + "..." : v;
    }

    /** A stack output as {@code status} and {@code deploy} print it: the key in a column of its own, then the value. */
    static String outputLine(String key, String value) {
        return String.format(Locale.ROOT, "  %-28s %s", key, value);
    }
}
