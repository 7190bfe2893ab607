package dev.stackwright.analysis.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackwright.analysis.reach.AddressSpace;
import dev.stackwright.analysis.reach.Names;
import dev.stackwright.diag.Diagnostic;
import dev.stackwright.diag.InputException;
import dev.stackwright.diag.InputFiles;
import dev.stackwright.diag.SourceLocation;
import dev.stackwright.diag.Suggestions;
import dev.stackwright.diag.YamlDocument;
import dev.stackwright.model.Network;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads a policy file. Each section the file has replaces the built-in one; sections it leaves out keep the
 * defaults. Every problem is reported at once, at its line and column, with a fix. For an input with several VPCs,
 * a name must be one that some VPC has; a name that others lack gets a note.
 *
 * <pre>
 * allow:
 *   - {from: internet, to: role:front-door, ports: [80, 443]}
 *   - {from: role:front-door, to: role:app, ports: [service]}
 * guarded: [role:app, role:database]
 * noInternetEgress: [tier:data]
 * neverOpenToWorld: [22, 3389, database]
 * </pre>
 */
public final class PolicyLoader {
    static final List<String> SECTIONS = List.of("allow", "guarded", "noInternetEgress", "neverOpenToWorld");
    static final List<String> ALLOW_KEYS = List.of("from", "to", "ports", "protocol");
    static final String PORT_FORMS = "a port (0-65535), a range such as 1024-65535, `service`, `database` or `all`";

    /** The code of the note on a name that some VPCs of the input do not have. */
    public static final String NOT_IN_EVERY_VPC = "policy-name-not-in-vpc";

    private final YamlDocument doc;
    /** The names of each VPC of the input, in input order. */
    private final List<Names> vpcs;

    private final List<Diagnostic> problems = new ArrayList<>();
    /** One note per name that some VPCs lack, at its first place in the file. */
    private final Map<String, Diagnostic> notes = new LinkedHashMap<>();

    private PolicyLoader(YamlDocument doc, List<Names> vpcs) {
        this.doc = doc;
        this.vpcs = List.copyOf(vpcs);
    }

    /**
     * A policy and what is worth knowing about it on this input: the names that some of its VPCs do not have.
     *
     * @param notes {@link Diagnostic.Severity#NOTE}s, in file order
     */
    public record Loaded(Policy policy, List<Diagnostic> notes) {
        public Loaded {
            notes = List.copyOf(notes);
        }
    }

    /** The policy in {@code file}, or the built-in one when it is null; names checked against {@code network}. */
    public static Policy loadOrDefaults(@Nullable Path file, Network network) {
        return loadOrDefaults(file, List.of(network)).policy();
    }

    /**
     * The policy in {@code file}, or the built-in one when it is null, for an input with these VPCs: a name must be
     * one that some VPC has, and selects nothing in the others (said in a note).
     */
    public static Loaded loadOrDefaults(@Nullable Path file, List<Network> networks) {
        if (file == null) {
            return new Loaded(Policy.defaults(), List.of());
        }
        return load(
                file,
                networks.stream().map(n -> new Names(n, new AddressSpace(n))).toList());
    }

    /**
     * Loads a policy file; names are checked against the network {@code names} reads.
     *
     * @throws InputException listing every problem
     */
    public static Policy load(Path file, Names names) {
        return load(file, List.of(names)).policy();
    }

    /**
     * Loads a policy file; names are checked against the VPCs of the input, each read by its {@link Names}.
     *
     * @throws InputException listing every problem
     */
    public static Loaded load(Path file, List<Names> vpcs) {
        String text = InputFiles.read(
                file, "policy file", "check the path given to --policy, or leave it out to use the built-in policy");
        return parse(file.toString(), text, vpcs);
    }

    /** Parses policy text; {@code file} names it in messages. */
    public static Policy parse(String file, String text, Names names) {
        return parse(file, text, List.of(names)).policy();
    }

    /** Parses policy text for an input with these VPCs; {@code file} names it in messages. */
    public static Loaded parse(String file, String text, List<Names> vpcs) {
        if (text.isBlank()) {
            throw new InputException(List.of(Diagnostic.error(
                    "empty-file",
                    SourceLocation.ofFile(file),
                    "",
                    "the policy file is empty",
                    null,
                    "add at least one section: " + String.join(", ", SECTIONS))));
        }
        YamlDocument doc;
        try {
            doc = YamlDocument.parse(file, text);
        } catch (InputException e) {
            // The spec reader's advice names spec keys; say what a policy holds instead.
            throw new InputException(e.diagnostics().stream()
                    .map(d -> d.code().equals("not-a-mapping")
                            ? Diagnostic.error(
                                    d.code(),
                                    d.location(),
                                    "",
                                    "a policy file must be a YAML mapping of sections",
                                    d.got(),
                                    "start with `allow:` and list entries such as `- {from: internet, to: role:front-door, ports: [443]}`")
                            : d)
                    .toList());
        }
        PolicyLoader loader = new PolicyLoader(doc, vpcs);
        Policy policy = loader.read();
        if (!loader.problems.isEmpty()) {
            throw new InputException(loader.problems);
        }
        return new Loaded(policy, List.copyOf(loader.notes.values()));
    }

    private Policy read() {
        Policy defaults = Policy.defaults();
        JsonNode root = doc.root();
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!SECTIONS.contains(key)) {
                unknownKey(key, key, SECTIONS);
            }
        }
        List<Policy.Allow> allow = root.has("allow") ? allows(root.get("allow")) : defaults.allow();
        List<String> guarded =
                root.has("guarded") ? selectors(root.get("guarded"), "guarded", false) : defaults.guarded();
        List<String> isolated = root.has("noInternetEgress")
                ? selectors(root.get("noInternetEgress"), "noInternetEgress", false)
                : defaults.noInternetEgress();
        List<Policy.Ports> sensitive = root.has("neverOpenToWorld")
                ? ports(root.get("neverOpenToWorld"), "neverOpenToWorld")
                : defaults.neverOpenToWorld();
        return new Policy(doc.file(), allow, guarded, isolated, sensitive);
    }

    private List<Policy.Allow> allows(JsonNode node) {
        List<Policy.Allow> out = new ArrayList<>();
        if (!node.isArray()) {
            bad(
                    "allow",
                    "must be a list of entries",
                    node,
                    "write entries such as `- {from: internet, to: role:front-door, ports: [443]}`");
            return out;
        }
        for (int i = 0; i < node.size(); i++) {
            String path = "allow[" + i + "]";
            JsonNode entry = node.get(i);
            if (!entry.isObject()) {
                bad(
                        path,
                        "must be a mapping with from, to and ports",
                        entry,
                        "write `{from: role:app, to: role:database, ports: [database]}`");
                continue;
            }
            for (Iterator<String> it = entry.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!ALLOW_KEYS.contains(key)) {
                    unknownKey(path + "." + key, key, ALLOW_KEYS);
                }
            }
            for (String required : List.of("from", "to", "ports")) {
                if (!entry.has(required)) {
                    problems.add(Diagnostic.error(
                            "policy-missing-key",
                            doc.keyLocation(path),
                            path,
                            "has no `" + required + "`",
                            null,
                            "add `" + required + ": ...` to the entry"));
                }
            }
            List<String> from = entry.has("from") ? selectors(entry.get("from"), path + ".from", true) : List.of();
            List<String> to = entry.has("to") ? selectors(entry.get("to"), path + ".to", false) : List.of();
            List<Policy.Ports> ports = entry.has("ports") ? ports(entry.get("ports"), path + ".ports") : List.of();
            Policy.Proto protocol =
                    entry.has("protocol") ? protocol(entry.get("protocol"), path + ".protocol") : Policy.Proto.TCP;
            out.add(new Policy.Allow(from, to, ports, protocol));
        }
        return out;
    }

    /** One name or a list of names, each checked against the network. */
    private List<String> selectors(JsonNode node, String path, boolean internetAllowed) {
        List<String> out = new ArrayList<>();
        List<JsonNode> items = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                items.add(node.get(i));
                paths.add(path + "[" + i + "]");
            }
        } else {
            items.add(node);
            paths.add(path);
        }
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String p = paths.get(i);
            if (!item.isTextual()) {
                bad(
                        p,
                        "must be a name",
                        item,
                        "name a resource, security group, subnet, tier or role, e.g. `role:app`");
                continue;
            }
            String name = item.asText().strip();
            if (name.equals(Names.INTERNET)) {
                if (internetAllowed) {
                    out.add(name);
                } else {
                    problems.add(Diagnostic.error(
                            "policy-bad-value",
                            doc.valueLocation(p),
                            p,
                            "`internet` can only be a source (`from`)",
                            "`internet`",
                            "name resources of this network here; to forbid internet egress use noInternetEgress"));
                }
                continue;
            }
            if (known(name, p)) {
                out.add(name);
            }
        }
        return out;
    }

    /**
     * Whether a name (not {@code internet}) selects in some VPC of the input; a problem at {@code path} when not. A
     * name that only some VPCs have gets a note, once.
     */
    private boolean known(String name, String path) {
        if (vpcs.isEmpty()) {
            return true; // no VPC to check the names against; the check says there is nothing to check
        }
        if (name.startsWith(Selectors.VPC)) {
            return qualified(name, path);
        }
        if (vpcs.size() == 1) {
            return resolves(vpcs.getFirst(), name, path, name);
        }
        List<String> lacking = new ArrayList<>();
        Names.Unresolved first = null;
        for (Names vpc : vpcs) {
            try {
                vpc.select(name);
            } catch (Names.Unresolved u) {
                lacking.add(vpc.network().stackName());
                first = first == null ? u : first;
            }
        }
        if (first == null) {
            return true;
        }
        if (lacking.size() < vpcs.size()) {
            notes.computeIfAbsent(name, n -> notInSome(n, path, lacking));
            return true;
        }
        problems.add(unknownEverywhere(name, path, first));
        return false;
    }

    /**
     * A name that no VPC of the input has: said with the closest name any VPC has, and whose it is. A kind a policy
     * cannot use is said as one VPC says it (no VPC has any other kinds).
     */
    private Diagnostic unknownEverywhere(String name, String path, Names.Unresolved first) {
        Map<String, String> owners = new LinkedHashMap<>();
        try {
            for (Names vpc : vpcs) {
                vpc.selectable(name)
                        .forEach(c -> owners.putIfAbsent(c, vpc.network().stackName()));
            }
        } catch (Names.Unresolved badKind) {
            return Diagnostic.error(
                    "policy-unknown-name", doc.valueLocation(path), path, badKind.getMessage(), null, badKind.fix());
        }
        String fix = Suggestions.closest(name, owners.keySet())
                .map(c -> "did you mean `" + c + "` (in VPC " + owners.get(c) + ")?")
                .orElse("use one of: "
                        + String.join(", ", owners.keySet().stream().limit(12).toList())
                        + (owners.size() > 12 ? ", ..." : ""));
        return Diagnostic.error(
                "policy-unknown-name",
                doc.valueLocation(path),
                path,
                first.getMessage().replace("of this network", "of any VPC of the input (" + vpcNames() + ")"),
                null,
                fix);
    }

    private Diagnostic notInSome(String name, String path, List<String> lacking) {
        List<String> having = vpcs.stream()
                .map(v -> v.network().stackName())
                .filter(v -> !lacking.contains(v))
                .toList();
        String fix = having.size() == 1
                ? "nothing to change if it is meant for VPC " + having.getFirst() + " only; write `" + Selectors.VPC
                        + having.getFirst() + "/" + name + "` to say so, and this note goes"
                : "nothing to change if it is meant for VPCs " + and(having) + " only; name the VPC (`" + Selectors.VPC
                        + having.getFirst() + "/" + name + "`) to be precise";
        return new Diagnostic(
                Diagnostic.Severity.NOTE,
                NOT_IN_EVERY_VPC,
                doc.valueLocation(path),
                path,
                "`" + name + "` is not in " + (lacking.size() == 1 ? "VPC " : "VPCs ") + and(lacking)
                        + ": it selects nothing there",
                null,
                fix);
    }

    /**
     * A selector that names its VPC, {@code vpc:ledger/sg:db} or {@code vpc:ledger}: the VPC must be one of the input,
     * and the rest a name it has.
     */
    private boolean qualified(String name, String path) {
        List<String> names = vpcs.stream().map(v -> v.network().stackName()).toList();
        Names.Qualifier q = Names.qualifier(name, names).orElseThrow(); // the caller saw the prefix
        switch (q) {
            case Names.Qualifier.Unknown u -> {
                problems.add(Diagnostic.error(
                        "policy-unknown-vpc",
                        doc.valueLocation(path),
                        path,
                        "`" + u.written() + "` is not a VPC of the input (" + vpcNames() + ")",
                        "`" + name + "`",
                        u.closest()
                                .map(c -> "did you mean `" + Selectors.VPC + c + u.after() + "`?")
                                .orElse("name one of its VPCs as check's sections title them: `" + Selectors.VPC
                                        + names.getFirst() + u.after() + "`")));
                return false;
            }
            case Names.Qualifier.Ambiguous a -> {
                problems.add(bad(
                        path,
                        "fits more than one VPC (" + and(a.vpcs()) + "), whose names differ only after a `/`",
                        name,
                        "name the resource without the VPC, or rename a VPC"));
                return false;
            }
            case Names.Qualifier.In in
            when in.local().isEmpty() -> {
                if (in.slash()) { // "vpc:ledger/" and nothing after
                    problems.add(bad(
                            path,
                            "names nothing after the VPC",
                            name,
                            "write `" + Selectors.VPC + in.vpc() + "` for all of it, or `" + Selectors.VPC + in.vpc()
                                    + "/role:database` for part of it"));
                    return false;
                }
                return true;
            }
            case Names.Qualifier.In in -> {
                String local = in.local();
                if (local.equals(Names.INTERNET) || local.startsWith(Selectors.VPC)) {
                    problems.add(bad(
                            path,
                            "names a VPC, then "
                                    + (local.equals(Names.INTERNET) ? "the internet, which is no VPC's" : "another"),
                            name,
                            local.equals(Names.INTERNET)
                                    ? "write `internet` alone, as a source"
                                    : "name one VPC, then a resource, security group, subnet, tier or role of it"));
                    return false;
                }
                Names vpc = vpcs.stream()
                        .filter(v -> v.network().stackName().equals(in.vpc()))
                        .findFirst()
                        .orElseThrow();
                return resolves(vpc, local, path, name);
            }
        }
    }

    /**
     * Whether {@code local} is a name of the one VPC {@code vpc}; a problem at {@code path} when not, about
     * {@code written} as the file has it.
     */
    private boolean resolves(Names vpc, String local, String path, String written) {
        try {
            vpc.select(local);
            return true;
        } catch (Names.Unresolved u) {
            if (written.equals(local)) { // unqualified in an input with one VPC: as it always was
                problems.add(Diagnostic.error(
                        "policy-unknown-name", doc.valueLocation(path), path, u.getMessage(), null, u.fix()));
                return false;
            }
            String vpcName = vpc.network().stackName();
            String prefix = Selectors.VPC + vpcName + "/";
            Optional<String> elsewhere = vpcs.stream()
                    .filter(v -> v != vpc && selects(v, local))
                    .map(v -> v.network().stackName())
                    .findFirst();
            String fix;
            try {
                fix = elsewhere
                        .map(e -> "it is in VPC " + e + ": write `" + Selectors.VPC + e + "/" + local + "`")
                        .or(() -> Suggestions.closest(local, vpc.selectable(local))
                                .map(c -> "did you mean `" + prefix + c + "`?"))
                        .orElse(u.fix());
            } catch (Names.Unresolved badKind) {
                fix = badKind.fix();
            }
            problems.add(Diagnostic.error(
                    "policy-unknown-name",
                    doc.valueLocation(path),
                    path,
                    u.getMessage().replace("of this network", "of VPC " + vpcName),
                    "`" + written + "`",
                    fix));
            return false;
        }
    }

    private static boolean selects(Names vpc, String name) {
        try {
            vpc.select(name);
            return true;
        } catch (Names.Unresolved u) {
            return false;
        }
    }

    private String vpcNames() {
        return String.join(", ", vpcs.stream().map(v -> v.network().stackName()).toList());
    }

    /** "a", "a and b", "a, b and c". */
    private static String and(List<String> items) {
        return items.size() == 1
                ? items.getFirst()
                : String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.getLast();
    }

    private List<Policy.Ports> ports(JsonNode node, String path) {
        List<Policy.Ports> out = new ArrayList<>();
        if (!node.isArray()) {
            port(node, path).ifPresent(out::add);
            return out;
        }
        for (int i = 0; i < node.size(); i++) {
            port(node.get(i), path + "[" + i + "]").ifPresent(out::add);
        }
        return out;
    }

    private Optional<Policy.Ports> port(JsonNode node, String path) {
        if (node.isIntegralNumber()) {
            long p = node.asLong();
            if (p < 0 || p > 65535) {
                problems.add(Diagnostic.error(
                        "policy-bad-value",
                        doc.valueLocation(path),
                        path,
                        "is not a port: ports are 0 to 65535",
                        String.valueOf(node.asText()),
                        "use " + PORT_FORMS));
                return Optional.empty();
            }
            return Optional.of(Policy.Ports.of((int) p));
        }
        String text = node.isTextual() ? node.asText().strip().toLowerCase(Locale.ROOT) : "";
        switch (text) {
            case "service" -> {
                return Optional.of(new Policy.Ports.Service());
            }
            case "database" -> {
                return Optional.of(new Policy.Ports.Database());
            }
            case "all" -> {
                return Optional.of(new Policy.Ports.Range(0, 65535));
            }
            default -> {}
        }
        if (text.matches("\\d{1,5}-\\d{1,5}")) {
            int from = Integer.parseInt(text.substring(0, text.indexOf('-')));
            int to = Integer.parseInt(text.substring(text.indexOf('-') + 1));
            if (from <= to && to <= 65535) {
                return Optional.of(new Policy.Ports.Range(from, to));
            }
        }
        String got = node.isTextual() ? "`" + node.asText() + "`" : node.toString();
        String fix = node.isTextual()
                ? Suggestions.closest(text, List.of("service", "database", "all"))
                        .map(s -> "did you mean `" + s + "`?")
                        .orElse("use " + PORT_FORMS)
                : "use " + PORT_FORMS;
        problems.add(Diagnostic.error(
                "policy-bad-value", doc.valueLocation(path), path, "is not a port or port range", got, fix));
        return Optional.empty();
    }

    private Policy.Proto protocol(JsonNode node, String path) {
        String text = node.isTextual() ? node.asText().strip().toLowerCase(Locale.ROOT) : "";
        for (Policy.Proto p : Policy.Proto.values()) {
            if (p.name().toLowerCase(Locale.ROOT).equals(text)) {
                return p;
            }
        }
        List<String> choices = List.of("tcp", "udp", "any");
        problems.add(Diagnostic.error(
                "policy-bad-value",
                doc.valueLocation(path),
                path,
                "is not a protocol",
                node.isTextual() ? "`" + node.asText() + "`" : node.toString(),
                Suggestions.closest(text, choices)
                        .map(s -> "did you mean `" + s + "`?")
                        .orElse("use tcp, udp or any")));
        return Policy.Proto.TCP;
    }

    private void unknownKey(String path, String key, List<String> known) {
        problems.add(Diagnostic.error(
                "policy-unknown-key",
                doc.keyLocation(path),
                path,
                "is not a key a policy knows",
                null,
                Suggestions.closest(key, known)
                        .map(k -> "did you mean `" + k + "`? Rename it")
                        .orElse("use " + String.join(", ", known))));
    }

    private Diagnostic bad(String path, String message, String got, String fix) {
        return Diagnostic.error("policy-bad-value", doc.valueLocation(path), path, message, "`" + got + "`", fix);
    }

    private void bad(String path, String message, JsonNode got, String fix) {
        problems.add(Diagnostic.error(
                "policy-bad-value",
                doc.valueLocation(path),
                path,
                message,
                got.isTextual()
                        ? "`" + got.asText() + "`"
                        : got.isContainerNode() ? (got.isArray() ? "a list" : "a mapping") : got.toString(),
                fix));
    }
}
