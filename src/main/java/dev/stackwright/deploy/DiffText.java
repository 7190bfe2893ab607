package dev.stackwright.deploy;

import dev.stackwright.cfn.NetworkTemplate;
import dev.stackwright.model.Tier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A change set as a person reads it: one line per resource (add, modify, replace, remove), replacements called out,
 * and louder still when they touch data (the database, its subnet group, the data-tier subnets).
 */
public final class DiffText {
    private static final String DATA_SUBNET_PREFIX = NetworkTemplate.subnetId(Tier.DATA.id());

    private DiffText() {}

    /** What a change does to the resource. */
    public enum Kind {
        ADD("+", "add"),
        MODIFY("~", "modify"),
        MAY_REPLACE("!", "may replace"),
        REPLACE("!", "REPLACE"),
        REMOVE("-", "remove"),
        OTHER("?", "change");

        final String mark;
        final String word;

        Kind(String mark, String word) {
            this.mark = mark;
            this.word = word;
        }

        /** {@code +}, {@code ~}, {@code !}, {@code -} or {@code ?}, as the diff lines start. */
        public String mark() {
            return mark;
        }

        /** {@code add}, {@code modify}, {@code REPLACE}... as the diff lines say it. */
        public String word() {
            return word;
        }
    }

    public static Kind kind(ChangeSet.Change c) {
        return switch (c.action()) {
            case "Add" -> Kind.ADD;
            case "Remove" -> Kind.REMOVE;
            case "Modify" ->
                switch (String.valueOf(c.replacement())) {
                    case "True" -> Kind.REPLACE;
                    case "Conditional" -> Kind.MAY_REPLACE;
                    default -> Kind.MODIFY;
                };
            default -> Kind.OTHER;
        };
    }

    /** Holds data that a replacement or removal would lose or strand. */
    public static boolean isData(ChangeSet.Change c) {
        String type = c.resourceType();
        return type.startsWith("AWS::RDS::")
                || type.startsWith("AWS::DynamoDB::")
                || type.equals("AWS::EFS::FileSystem")
                || type.startsWith("AWS::ElastiCache::")
                || type.equals("AWS::S3::Bucket")
                || (type.equals("AWS::EC2::Subnet") && c.logicalId().startsWith(DATA_SUBNET_PREFIX));
    }

    /** Replacement or removal of a data resource: the deploy asks for the stack name rather than y. */
    public static boolean risksData(ChangeSet changeSet) {
        return changeSet.changes().stream()
                .anyMatch(c -> isData(c)
                        && (kind(c) == Kind.REPLACE || kind(c) == Kind.MAY_REPLACE || kind(c) == Kind.REMOVE));
    }

    /** One stack of {@code stackwright diff}: its changes, no changes, or what a deploy would do instead. */
    public static String render(StackDiff diff) {
        return switch (diff) {
            case StackDiff.Note n -> n.stackName() + ": " + n.text() + "\n";
            case StackDiff.Changes c ->
                c.changeSet().empty() ? c.stackName() + ": no changes\n" : render(c.stackName(), c.changeSet());
        };
    }

    public static String render(String stackName, ChangeSet changeSet) {
        List<ChangeSet.Change> changes = changeSet.changes();
        StringBuilder s = new StringBuilder();
        s.append(stackName).append(": ").append(summary(changes)).append('\n');
        int idWidth = Math.max(
                20, changes.stream().mapToInt(c -> c.logicalId().length()).max().orElse(0));
        int typeWidth = Math.max(
                24,
                changes.stream().mapToInt(c -> c.resourceType().length()).max().orElse(0));
        for (ChangeSet.Change c : changes) {
            Kind k = kind(c);
            String detail = c.properties().isEmpty() ? "" : " (" + String.join(", ", c.properties()) + ")";
            s.append(String.format(
                                    Locale.ROOT,
                                    "  %s %-11s %-" + idWidth + "s  %-" + typeWidth + "s  %s",
                                    k.mark,
                                    k.word,
                                    c.logicalId(),
                                    c.resourceType(),
                                    detail)
                            .stripTrailing())
                    .append('\n');
        }
        warnings(changes).forEach(w -> s.append(w).append('\n'));
        return s.toString();
    }

    /** The replacements, and the data at risk, called out under the changes. */
    public static List<String> warnings(List<ChangeSet.Change> changes) {
        List<String> out = new ArrayList<>();
        List<ChangeSet.Change> replaced = changes.stream()
                .filter(c -> (kind(c) == Kind.REPLACE || kind(c) == Kind.MAY_REPLACE) && !isData(c))
                .toList();
        if (!replaced.isEmpty()) {
            out.add("WARNING: " + count(replaced.size(), "resource") + " will be REPLACED (a new one is created, "
                    + "then the old one deleted; its id changes): " + ids(replaced) + ".");
        }
        for (ChangeSet.Change c : changes) {
            if (!isData(c)) {
                continue;
            }
            String what = c.logicalId() + " (" + c.resourceType() + ")";
            switch (kind(c)) {
                case REPLACE, MAY_REPLACE ->
                    out.add("DATA AT RISK: " + what
                            + (kind(c) == Kind.REPLACE ? " will be REPLACED" : " may be REPLACED")
                            + (c.recreating().isEmpty()
                                    ? ""
                                    : " because " + String.join(", ", c.recreating()) + " changed")
                            + ": " + consequence(c));
                case REMOVE -> out.add("DATA AT RISK: " + what + " will be DELETED: " + consequence(c));
                default -> {}
            }
        }
        return out;
    }

    private static String consequence(ChangeSet.Change c) {
        if (c.resourceType().equals("AWS::EC2::Subnet")) {
            return "a data-tier subnet; the database in it is moved or recreated.";
        }
        if (c.resourceType().startsWith("AWS::RDS::")) {
            return "the data in it is gone unless a snapshot is kept (UpdateReplacePolicy/DeletionPolicy Snapshot).";
        }
        return "the data in it is lost unless it is retained.";
    }

    /** {@code 1 to add, 2 to modify}, or {@code no changes}. */
    public static String summary(List<ChangeSet.Change> changes) {
        int[] counts = new int[Kind.values().length];
        changes.forEach(c -> counts[kind(c).ordinal()]++);
        List<String> parts = new ArrayList<>();
        int add = counts[Kind.ADD.ordinal()];
        int modify = counts[Kind.MODIFY.ordinal()];
        int replace = counts[Kind.REPLACE.ordinal()] + counts[Kind.MAY_REPLACE.ordinal()];
        int remove = counts[Kind.REMOVE.ordinal()];
        int other = counts[Kind.OTHER.ordinal()];
        if (add > 0) parts.add(add + " to add");
        if (modify > 0) parts.add(modify + " to modify");
        if (replace > 0) parts.add(replace + " to replace");
        if (remove > 0) parts.add(remove + " to remove");
        if (other > 0) parts.add(other + " other");
        return parts.isEmpty() ? "no changes" : String.join(", ", parts);
    }

    private static String ids(List<ChangeSet.Change> changes) {
        return String.join(
                ", ", changes.stream().map(ChangeSet.Change::logicalId).toList());
    }

    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
