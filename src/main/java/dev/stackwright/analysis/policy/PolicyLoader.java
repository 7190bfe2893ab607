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
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads a policy file. Each section the file has replaces the built-in one; sections it leaves out keep the
 * defaults. Every problem is reported at once, at its line and column, with a fix.
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

    private final YamlDocument doc;
    private final Names names;
    private final List<Diagnostic> problems = new ArrayList<>();

    private PolicyLoader(YamlDocument doc, Names names) {
        this.doc = doc;
        this.names = names;
    }

    /** The policy in {@code file}, or the built-in one when it is null; names checked against {@code network}. */
    public static Policy loadOrDefaults(@Nullable Path file, Network network) {
        return file == null ? Policy.defaults() : load(file, new Names(network, new AddressSpace(network)));
    }

    /**
     * Loads a policy file; names are checked against the network {@code names} reads.
     *
     * @throws InputException listing every problem
     */
    public static Policy load(Path file, Names names) {
        String text = InputFiles.read(
                file, "policy file", "check the path given to --policy, or leave it out to use the built-in policy");
        return parse(file.toString(), text, names);
    }

    /** Parses policy text; {@code file} names it in messages. */
    public static Policy parse(String file, String text, Names names) {
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
        PolicyLoader loader = new PolicyLoader(doc, names);
        Policy policy = loader.read();
        if (!loader.problems.isEmpty()) {
            throw new InputException(loader.problems);
        }
        return policy;
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
            try {
                names.select(name);
                out.add(name);
            } catch (Names.Unresolved u) {
                problems.add(Diagnostic.error(
                        "policy-unknown-name", doc.valueLocation(p), p, u.getMessage(), null, u.fix()));
            }
        }
        return out;
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
