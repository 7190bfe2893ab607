package dev.stackwright.importer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stackwright.cli.CliTest;
import dev.stackwright.diag.InputException;
import dev.stackwright.importer.cfn.TemplateImporter;
import dev.stackwright.importer.snapshot.Snapshot;
import dev.stackwright.spec.SpecLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mutation harness over real inputs: the shipped example templates, the snapshot fixtures and the example specs, each
 * changed in a few random places to hostile values (CIDRs such as {@code *}, ports out of order, NUL characters, lists
 * where objects belong and the reverse, numbers that overflow, deep intrinsic chains). Whatever the input, an importer
 * returns findings or throws {@link InputException}; nothing else escapes, and the command line never exits 70. The
 * seed is fixed, so a failure names the mutant that caused it and repeats.
 */
class ImporterFuzzTest {
    private static final long SEED = 20261206L;
    private static final int MUTANTS_PER_INPUT = 60;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @TempDir
    Path dir;

    /** Values that AWS would refuse or that no describe-* output holds, in every JSON type. */
    private static List<JsonNode> hostileValues(Random random) {
        ArrayNode deep = NODES.arrayNode();
        JsonNode chain = NODES.textNode("10.0.0.0/16");
        for (int i = 0; i < 120; i++) {
            chain = NODES.objectNode()
                    .set(
                            "Fn::Select",
                            NODES.arrayNode().add(0).add(NODES.arrayNode().add(chain)));
        }
        deep.add(chain);
        return List.of(
                NODES.textNode("*"),
                NODES.textNode("80-443"),
                NODES.textNode("10.0.0.0/33"),
                NODES.textNode("\u0000"),
                NODES.textNode("a\u0000b\u0001c"),
                NODES.textNode(""),
                NODES.textNode("x".repeat(5_000 + random.nextInt(5_000))),
                NODES.numberNode(-1),
                NODES.numberNode(65536),
                NODES.numberNode(Long.MAX_VALUE),
                NODES.numberNode(new java.math.BigInteger("99999999999999999999999999")),
                NODES.numberNode(1e308),
                NODES.numberNode(-0.5),
                NODES.booleanNode(true),
                NODES.nullNode(),
                NODES.arrayNode(),
                NODES.objectNode(),
                NODES.arrayNode().add(NODES.objectNode()).add("x"),
                NODES.objectNode().put("Ref", "AWS::NoValue"),
                NODES.objectNode().put("Ref", "Nowhere"),
                NODES.objectNode()
                        .set("Fn::GetAtt", NODES.arrayNode().add("Vpc").add("DefaultSecurityGroup")),
                NODES.objectNode()
                        .set(
                                "Fn::Cidr",
                                NODES.arrayNode().add("10.0.0.0/8").add(100_000).add(0)),
                NODES.objectNode().set("Fn::Split", NODES.arrayNode().add("").add("a,b")),
                NODES.objectNode().set("Fn::If", NODES.arrayNode().add("Nope").add(1)),
                chain,
                deep);
    }

    @Test
    void mutatedTemplates_giveFindingsOrInputErrors_never_anotherException() throws IOException {
        Random random = new Random(SEED);
        for (Path template : templates()) {
            JsonNode original = JSON.readTree(template.toFile());
            for (int m = 0; m < MUTANTS_PER_INPUT; m++) {
                JsonNode mutant = mutate(original, random);
                String text = JSON.writeValueAsString(mutant);
                String label = template + " mutant " + m;
                importsOrSays(label, () -> TemplateImporter.read("t.json", text, TemplateImporter.Options.defaults()));
            }
            importsOrSays(template + " truncated", () -> {
                String text = readString(template);
                return TemplateImporter.read(
                        "t.json", text.substring(0, text.length() / 2), TemplateImporter.Options.defaults());
            });
        }
    }

    @Test
    void mutatedSnapshots_giveFindingsOrInputErrors_never_anotherException() throws IOException {
        Random random = new Random(SEED + 1);
        for (Path folder : snapshotFolders()) {
            Map<String, JsonNode> files = new TreeMap<>();
            try (Stream<Path> list = Files.list(folder)) {
                for (Path f : list.filter(p -> p.toString().endsWith(".json"))
                        .sorted()
                        .toList()) {
                    try {
                        files.put(f.getFileName().toString(), JSON.readTree(f.toFile()));
                    } catch (IOException notJson) {
                        // The broken fixtures hold malformed files on purpose; they are read as they are elsewhere.
                    }
                }
            }
            for (int m = 0; m < MUTANTS_PER_INPUT * 2; m++) {
                Map<String, String> mutant = new TreeMap<>();
                List<String> names = new ArrayList<>(files.keySet());
                String target = names.get(random.nextInt(names.size()));
                for (Map.Entry<String, JsonNode> f : files.entrySet()) {
                    JsonNode node = f.getKey().equals(target) ? mutate(f.getValue(), random) : f.getValue();
                    mutant.put(f.getKey(), JSON.writeValueAsString(node));
                }
                importsOrSays(folder + " mutant " + m + " of " + target, () -> Snapshot.read("s", mutant));
            }
        }
    }

    @Test
    void mutatedSpecs_giveInputErrors_never_anotherException() throws IOException {
        Random random = new Random(SEED + 2);
        com.fasterxml.jackson.databind.ObjectMapper yaml =
                new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
        try (Stream<Path> specs = Files.list(Path.of("examples"))) {
            for (Path spec : specs.map(d -> d.resolve("stackwright.yml"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList()) {
                JsonNode original = yaml.readTree(spec.toFile());
                for (int m = 0; m < MUTANTS_PER_INPUT / 2; m++) {
                    String text = yaml.writeValueAsString(mutate(original, random));
                    importsOrSays(spec + " mutant " + m, () -> SpecLoader.parse("stackwright.yml", text));
                }
            }
        }
    }

    /** Through the command line: exit 0, 1 or 2, never 70 (internal error), and no stack trace on stderr. */
    @Test
    void mutatedInputs_throughCheck_neverExitWithAnInternalError() throws IOException {
        Random random = new Random(SEED + 3);
        List<Path> templates = templates();
        for (int m = 0; m < 12; m++) {
            Path source = templates.get(m % templates.size());
            Path file = dir.resolve("mutant-" + m + ".json");
            Files.writeString(file, JSON.writeValueAsString(mutate(JSON.readTree(source.toFile()), random)));
            CliTest.Run r = CliTest.run("check", "--template", file.toString());
            assertThat(r.code()).as(source + " mutant " + m + ":\n" + r.err()).isIn(0, 1, 2);
            assertThat(r.err()).as(source + " mutant " + m).doesNotContain("\tat ", "internal error");
        }
        Path folder = dir.resolve("snapshot");
        Files.createDirectories(folder);
        Files.writeString(
                folder.resolve("describe-vpcs.json"),
                "{\"Vpcs\": [{\"VpcId\": \"vpc-1\", \"CidrBlock\": \"*\"}, {\"VpcId\": [], \"CidrBlock\": {}}]}");
        Files.writeString(folder.resolve("describe-security-groups.json"), """
                {"SecurityGroups": [{"GroupId": "sg-1", "VpcId": "vpc-1", "IpPermissions":
                  [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 80, "IpRanges": [{"CidrIp": "80-443"}]}]}]}""");
        CliTest.Run r = CliTest.run("check", "--snapshot", folder.toString());
        assertThat(r.code()).as(r.err()).isIn(0, 1, 2);
        assertThat(r.err()).doesNotContain("\tat ", "internal error");
    }

    private interface Import {
        Object run() throws IOException;
    }

    private static void importsOrSays(String label, Import importer) {
        try {
            Object result = importer.run();
            if (result instanceof Imported imported) {
                // Every finding is located in a file, and renders.
                imported.findings()
                        .forEach(d -> assertThat(d.format()).as(label).isNotBlank());
            }
        } catch (InputException expected) {
            assertThat(expected.diagnostics()).as(label).isNotEmpty();
        } catch (Throwable t) {
            throw new AssertionError(label + ": " + t, t);
        }
    }

    /** One to three changes: a value replaced by a hostile one, a list turned into an object, or the reverse. */
    static JsonNode mutate(JsonNode original, Random random) {
        JsonNode copy = original.deepCopy();
        int changes = 1 + random.nextInt(3);
        for (int i = 0; i < changes; i++) {
            List<JsonNode> containers = new ArrayList<>();
            collect(copy, containers);
            if (containers.isEmpty()) {
                return copy;
            }
            JsonNode parent = containers.get(random.nextInt(containers.size()));
            List<JsonNode> values = hostileValues(random);
            if (parent instanceof ObjectNode o && o.size() > 0) {
                List<String> keys = new ArrayList<>();
                o.fieldNames().forEachRemaining(keys::add);
                String key = keys.get(random.nextInt(keys.size()));
                o.set(key, swapOrReplace(o.get(key), values, random));
            } else if (parent instanceof ArrayNode a && a.size() > 0) {
                int at = random.nextInt(a.size());
                a.set(at, swapOrReplace(a.get(at), values, random));
            }
        }
        return copy;
    }

    private static JsonNode swapOrReplace(JsonNode value, List<JsonNode> hostile, Random random) {
        if (value.isArray() && random.nextBoolean()) {
            ObjectNode o = NODES.objectNode();
            for (int i = 0; i < value.size(); i++) {
                o.set("k" + i, value.get(i));
            }
            return o;
        }
        if (value.isObject() && random.nextBoolean()) {
            ArrayNode a = NODES.arrayNode();
            value.forEach(a::add);
            return a;
        }
        return hostile.get(random.nextInt(hostile.size())).deepCopy();
    }

    private static void collect(JsonNode node, List<JsonNode> out) {
        if (node.isContainerNode()) {
            out.add(node);
            node.forEach(child -> collect(child, out));
        }
    }

    private static List<Path> templates() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/test/resources/golden"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".template.json"))
                    .sorted()
                    .toList();
        }
    }

    private static List<Path> snapshotFolders() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/test/resources"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json"))
                    .map(Path::getParent)
                    .filter(d -> d.toString().contains("snapshot"))
                    .distinct()
                    .sorted()
                    .toList();
        }
    }

    private static String readString(Path file) throws IOException {
        return Files.readString(file);
    }
}
