package dev.stackwright.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackwright.deploy.vpc.Needs;
import dev.stackwright.model.Environment;
import dev.stackwright.model.app.FrontDoorKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The schema is where a default is written; the loader reads it from there, and docs/spec.md (docs/cost.md for
 * traffic) states it. A default changed in one of them only fails here: the loader against the schema for every
 * environment, the docs against the schema both ways.
 */
class SpecDefaultsTest {
    /** What a spec that gives no value holds for each key with a default, as the text the schema writes it in. */
    private static final Map<String, Function<StackSpec, Object>> LOADED = new LinkedHashMap<>();

    static {
        LOADED.put("region", StackSpec::region);
        LOADED.put("environment", s -> s.environment().id());
        LOADED.put("network.azs", s -> s.network().azs());
        LOADED.put("network.nat", s -> s.network().nat().id());
        LOADED.put("network.natInstance.type", s -> s.network().natInstanceType());
        LOADED.put("network.natInstance.perAz", s -> s.network().natPerAz());
        LOADED.put("network.access", s -> s.network().access().id());
        LOADED.put("network.flowLogs", s -> s.network().flowLogs());
        LOADED.put(
                "network.flowLogs.destination",
                s -> s.network().flowLogDestination().id());
        LOADED.put("network.ipv6", s -> s.network().ipv6());
        LOADED.put("network.flowLogRetentionDays", s -> s.network().flowLogRetentionDays());
        LOADED.put("network.maxTasks", s -> s.network().maxTasks());
        LOADED.put("service.port", s -> s.service().port());
        LOADED.put("service.compute", s -> s.service().compute().id());
        LOADED.put("service.instanceType", s -> s.service().instanceType());
        LOADED.put("service.cpu", s -> s.service().cpu());
        LOADED.put("service.memory", s -> s.service().memoryMib());
        LOADED.put("service.desiredCount", s -> s.service().desiredCount());
        LOADED.put("service.healthCheckPath", s -> s.service().healthCheckPath());
        LOADED.put("service.healthCheckGracePeriod", s -> s.service().healthCheckGraceSeconds());
        LOADED.put("service.timeout", s -> s.service().timeoutSeconds());
        LOADED.put("service.logRetentionDays", s -> s.service().logRetentionDays());
        LOADED.put("service.scaling.min", s -> s.service().scaling().min());
        LOADED.put("service.scaling.max", s -> s.service().scaling().max());
        LOADED.put("service.scaling.cpuTarget", s -> s.service().scaling().cpuTarget());
        LOADED.put(
                "service.scaling.scaleOutCooldown", s -> s.service().scaling().scaleOutCooldown());
        LOADED.put("service.scaling.scaleInCooldown", s -> s.service().scaling().scaleInCooldown());
        // No type given is auto: the spec holds no request for either kind.
        LOADED.put(
                "frontDoor.type",
                s -> s.frontDoor().requested().map(FrontDoorKind::id).orElse("auto"));
        LOADED.put("frontDoor.accessLogs", s -> s.frontDoor().accessLogs());
        LOADED.put("frontDoor.throttle.rateLimit", s -> s.frontDoor().rateLimit());
        LOADED.put("frontDoor.throttle.burstLimit", s -> s.frontDoor().burstLimit());
        LOADED.put("database.engine", s -> s.database().orElseThrow().engine());
        LOADED.put("database.instanceClass", s -> s.database().orElseThrow().instanceClass());
        LOADED.put("database.storageGb", s -> s.database().orElseThrow().storageGb());
        LOADED.put("database.multiAz", s -> s.database().orElseThrow().multiAz());
        LOADED.put(
                "database.backupRetentionDays", s -> s.database().orElseThrow().backupRetentionDays());
        LOADED.put(
                "database.deletionProtection", s -> s.database().orElseThrow().deletionProtection());
        LOADED.put("database.username", s -> s.database().orElseThrow().username());
        LOADED.put(
                "pipeline.source.branch",
                s -> s.pipeline().orElseThrow().source().branch());
        LOADED.put(
                "pipeline.approvalBefore",
                s -> s.pipeline().orElseThrow().approvalBefore().stream()
                        .map(Environment::id)
                        .toList());
        LOADED.put("pipeline.buildsPerMonth", s -> s.pipeline().orElseThrow().buildsPerMonth());
        LOADED.put("pipeline.buildMinutes", s -> s.pipeline().orElseThrow().buildMinutes());
        LOADED.put("pipeline.releaseMinutes", s -> s.pipeline().orElseThrow().releaseMinutes());
        LOADED.put(
                "pipeline.computeType",
                s -> s.pipeline().orElseThrow().computeType().id());
        for (String key : TrafficSpec.KEYS) {
            LOADED.put("traffic." + key, s -> s.traffic().value(key).toPlainString());
        }
    }

    @Test
    void loader_givesTheSchemasDefault_forEveryKey_inEveryEnvironment() {
        Map<String, Map<Environment, String>> schema = schemaDefaults();
        assertThat(LOADED.keySet())
                .as("keys the schema gives a default; each needs a line in LOADED")
                .containsAll(schema.keySet());
        for (Environment env : Environment.values()) {
            // The default environment left unsaid, so that its default applies too; a database section with nothing
            // set, so that every database default applies.
            boolean given = env != Environment.DEV;
            StackSpec spec = SpecLoader.parse(
                    "stackwright.yml",
                    "name: shop\n" + (given ? "environment: " + env.id() + "\n" : "") + "database: {}\n"
                            // A pipeline through every environment, so that the default approval (prod) applies.
                            + "pipeline: {source: {provider: codecommit, repository: shop},"
                            + " environments: [dev, staging, prod]}\n");
            assertThat(spec.environment()).isEqualTo(env);
            schema.forEach((key, byEnv) -> {
                if (!(given && key.equals("environment"))) {
                    assertThat(String.valueOf(
                                    Objects.requireNonNull(LOADED.get(key), key).apply(spec)))
                            .as(key + " in " + env.id())
                            .isEqualTo(byEnv.get(env));
                }
            });
        }
    }

    /** Some defaults differ by environment; the test above is vacuous for them unless the schema says so. */
    @Test
    void schema_perEnvironmentDefaults_areTheOnesTheEnvironmentsPick() {
        Map<String, Map<Environment, String>> schema = schemaDefaults();
        assertThat(schema.get("network.azs"))
                .containsEntry(Environment.DEV, "2")
                .containsEntry(Environment.PROD, "3");
        assertThat(schema.get("network.natInstance.perAz"))
                .containsEntry(Environment.DEV, "false")
                .containsEntry(Environment.STAGING, "true");
        assertThat(schema.get("database.deletionProtection")).containsEntry(Environment.PROD, "true");
    }

    @Test
    void needsWithoutASpec_assumeTheLoadersMaxTasks() {
        StackSpec spec = SpecLoader.parse("stackwright.yml", "name: shop\n");
        assertThat(Needs.withoutSpec().maxTasks())
                .isEqualTo(spec.network().maxTasks())
                .isEqualTo(100);
    }

    @Test
    void docs_stateEveryDefaultOfTheSchema_andNoOther() throws IOException {
        Map<String, Map<Environment, String>> schema = schemaDefaults();
        Map<String, Map<Environment, String>> docs =
                new TreeMap<>(documented(Files.readString(Path.of("docs/spec.md"))));
        docs.putAll(trafficDefaults(Files.readString(Path.of("docs/cost.md"))));
        assertThat(docs).as("defaults in docs/spec.md and docs/cost.md").hasSizeGreaterThan(40);
        for (var entry : schema.entrySet()) {
            assertThat(docs).as("docs state a default for " + entry.getKey()).containsKey(entry.getKey());
            assertThat(docs.get(entry.getKey())).as(entry.getKey()).isEqualTo(entry.getValue());
        }
        assertThat(schema.keySet()).as("keys the docs give a default").containsAll(docs.keySet());
    }

    @Test
    void docsParser_readsEnvironmentClauses_andPairedKeys() {
        Map<String, Map<Environment, String>> docs = documented("""
                ## `network`

                | key | default | meaning |
                |---|---|---|
                | `azs` | `3` in prod, else `2` | zones |
                | `scaling.min`, `scaling.max` | `1`, `5` | tasks |
                | `cidr` | per environment | block |
                """);
        assertThat(docs).containsOnlyKeys("network.azs", "network.scaling.min", "network.scaling.max");
        assertThat(docs.get("network.azs"))
                .containsEntry(Environment.DEV, "2")
                .containsEntry(Environment.STAGING, "2")
                .containsEntry(Environment.PROD, "3");
        assertThat(docs.get("network.scaling.max")).containsEntry(Environment.PROD, "5");
    }

    /** Every key with a {@code default} or a default per environment, as text for each environment. */
    private static Map<String, Map<Environment, String>> schemaDefaults() {
        Map<String, Map<Environment, String>> out = new TreeMap<>();
        collect(SchemaCheck.schemaTree(), "", out);
        return out;
    }

    private static void collect(JsonNode node, String path, Map<String, Map<Environment, String>> out) {
        if (node.has("default")) {
            out.put(path, everywhere(text(node.path("default"))));
        }
        if (node.has(SpecDefaults.PER_ENVIRONMENT)) {
            assertThat(node.has("default"))
                    .as(path + " has one default or one per environment, not both")
                    .isFalse();
            Map<Environment, String> byEnv = new EnumMap<>(Environment.class);
            for (Environment env : Environment.values()) {
                JsonNode value = node.path(SpecDefaults.PER_ENVIRONMENT).path(env.id());
                assertThat(value.isMissingNode()).as(path + " in " + env.id()).isFalse();
                byEnv.put(env, value.asText());
            }
            out.put(path, byEnv);
        }
        node.path("properties")
                .properties()
                .forEach(e -> collect(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), out));
    }

    /** A default as the docs write it: a list as {@code [a, b]}, as Java prints a list of the loaded values. */
    private static String text(JsonNode value) {
        if (!value.isArray()) {
            return value.asText();
        }
        List<String> items = new ArrayList<>();
        value.forEach(item -> items.add(item.asText()));
        return items.toString();
    }

    private static final Pattern ROW = Pattern.compile("^\\| (.+?) \\| (.+?) \\| .*\\|$");
    private static final Pattern TICKED = Pattern.compile("`([^`]*)`");
    private static final Pattern CLAUSE = Pattern.compile("`([^`]*)`(?: in (dev|staging|prod))?|else `([^`]*)`");

    /**
     * The defaults in the key/default/meaning tables of docs/spec.md, under each {@code ## `section`}. A default cell
     * that starts with a backtick is a value: {@code `v`} everywhere, or clauses {@code `v` in ENV} and
     * {@code else `v`}; with several keys in a row, one value each. Cells in words (per environment, none) are skipped.
     */
    static Map<String, Map<Environment, String>> documented(String markdown) {
        Map<String, Map<Environment, String>> out = new TreeMap<>();
        String section = null;
        boolean defaultsTable = false;
        for (String line : markdown.split("\n", -1)) {
            if (line.startsWith("## ")) {
                Matcher name = TICKED.matcher(line);
                section = line.equals("## Top level") ? "" : name.find() ? name.group(1) : null;
                defaultsTable = false;
                continue;
            }
            if (line.startsWith("| key | default |")) {
                defaultsTable = section != null;
                continue;
            }
            Matcher row = ROW.matcher(line);
            if (!defaultsTable || !row.matches() || !row.group(2).startsWith("`")) {
                continue;
            }
            List<String> keys = ticked(row.group(1));
            if (keys.size() == 1) {
                out.put(qualified(Objects.requireNonNull(section), keys.getFirst()), clauses(row.group(2)));
            } else {
                List<String> values = ticked(row.group(2));
                assertThat(values).as(line).hasSameSizeAs(keys);
                for (int i = 0; i < keys.size(); i++) {
                    out.put(qualified(Objects.requireNonNull(section), keys.get(i)), everywhere(values.get(i)));
                }
            }
        }
        return out;
    }

    /** The traffic defaults table of docs/cost.md: plain figures, with thousands separators. */
    private static Map<String, Map<Environment, String>> trafficDefaults(String markdown) {
        Map<String, Map<Environment, String>> out = new TreeMap<>();
        for (String line : markdown.split("\n", -1)) {
            Matcher row = ROW.matcher(line);
            if (row.matches() && row.group(1).startsWith("`") && row.group(2).matches("[0-9][0-9,]*")) {
                String key = ticked(row.group(1)).getFirst();
                if (TrafficSpec.KEYS.contains(key)) {
                    out.put("traffic." + key, everywhere(row.group(2).replace(",", "")));
                }
            }
        }
        return out;
    }

    private static Map<Environment, String> clauses(String cell) {
        Map<Environment, String> out = new EnumMap<>(Environment.class);
        String otherwise = null;
        Matcher m = CLAUSE.matcher(cell);
        while (m.find()) {
            if (m.group(3) != null) {
                otherwise = m.group(3);
            } else if (m.group(2) != null) {
                out.put(Environment.fromId(m.group(2)).orElseThrow(), m.group(1));
            } else {
                otherwise = m.group(1);
            }
        }
        for (Environment env : Environment.values()) {
            if (!out.containsKey(env) && otherwise != null) {
                out.put(env, otherwise);
            }
        }
        return out;
    }

    private static List<String> ticked(String cell) {
        List<String> out = new ArrayList<>();
        Matcher m = TICKED.matcher(cell);
        String first = null;
        while (m.find()) {
            String key = m.group(1);
            // `natGbPerMonth.s3`, `.dynamodb`: a leading dot continues the first key's parent.
            out.add(key.startsWith(".") && first != null ? first.substring(0, first.lastIndexOf('.')) + key : key);
            first = first == null ? key : first;
        }
        return out;
    }

    private static String qualified(String section, String key) {
        return section.isEmpty() ? key : section + "." + key;
    }

    private static Map<Environment, String> everywhere(String value) {
        Map<Environment, String> out = new EnumMap<>(Environment.class);
        for (Environment env : Environment.values()) {
            out.put(env, value);
        }
        return out;
    }
}
