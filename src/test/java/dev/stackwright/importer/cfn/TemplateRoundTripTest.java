package dev.stackwright.importer.cfn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stackwright.Stackwright;
import dev.stackwright.analysis.Analysis;
import dev.stackwright.analysis.CheckReport;
import dev.stackwright.analysis.lint.Finding;
import dev.stackwright.analysis.policy.Policy;
import dev.stackwright.analysis.policy.Violation;
import dev.stackwright.analysis.reach.Exposure;
import dev.stackwright.cfn.NetworkTemplate;
import dev.stackwright.cfn.TemplateWriter;
import dev.stackwright.importer.Imported;
import dev.stackwright.model.Attachment;
import dev.stackwright.model.Network;
import dev.stackwright.model.SecurityGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The strongest test of the template importer: for every shipped example, the network template Stackwright writes,
 * together with its app template (load balancer or VPC Link, ECS service and hosts or Lambda function, RDS instance),
 * is imported back, and the imported network must give the same exposure (every port from the internet and between
 * resources), the same policy verdict and the same lint findings as the planned one.
 */
class TemplateRoundTripTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static Stream<Arguments> examples() throws IOException {
        try (var dirs = Files.list(Path.of("examples"))) {
            List<Path> specs = dirs.map(d -> d.resolve("stackwright.yml"))
                    .filter(Files::exists)
                    .sorted()
                    .toList();
            return specs.stream()
                    .flatMap(s -> Stream.of(
                            Arguments.of(s, TemplateWriter.Format.JSON), Arguments.of(s, TemplateWriter.Format.YAML)));
        }
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("examples")
    void importedTemplate_givesThePlannedVerdictAndExposure(Path spec, TemplateWriter.Format format) {
        Stackwright.Result planned = Stackwright.plan(spec);
        Network plan = planned.network();
        ObjectNode template = planned.networkTemplate().toJson();
        addApplication(template, planned.appTemplate().toJson());
        String text = TemplateWriter.write(template, format);

        Imported imported = TemplateImporter.read(
                "network." + format.name().toLowerCase(java.util.Locale.ROOT),
                text,
                new TemplateImporter.Options(plan.region(), java.util.Map.of(), java.util.Map.of()));
        assertThat(imported.findings()).as("findings").isEmpty();
        assertThat(imported.networks()).hasSize(1);
        Network back = imported.networks().getFirst();

        // Same subnets, tiers and blocks, by logical ID.
        assertThat(new TreeMap<>(back.subnets().stream()
                        .collect(java.util.stream.Collectors.toMap(s -> s.name(), s -> s.tier() + " " + s.cidr()))))
                .isEqualTo(new TreeMap<>(plan.subnets().stream()
                        .collect(java.util.stream.Collectors.toMap(
                                s -> NetworkTemplate.subnetId(s.name()), s -> s.tier() + " " + s.cidr()))));
        // Roles inferred from what uses each group match the planner's.
        for (SecurityGroup g : plan.securityGroups()) {
            if (g.isVpcDefault()) {
                // AWS creates the default group with the VPC, so no template declares it; the plan's has no rules and
                // no members, so leaving it out changes no verdict, finding or exposure (checked below).
                assertThat(back.securityGroups()).noneMatch(SecurityGroup::isVpcDefault);
                continue;
            }
            assertThat(back.securityGroup(NetworkTemplate.securityGroupId(g.name()))
                            .orElseThrow()
                            .role())
                    .as(g.name())
                    .isEqualTo(g.role());
        }
        if (planned.application().compute().kind().isEcs()) {
            // A Lambda function takes no inbound connections, so a template cannot tell its port.
            assertThat(back.servicePort()).isEqualTo(plan.servicePort());
        }
        assertThat(back.databasePort()).isEqualTo(plan.databasePort());

        OptionalInt tasks = OptionalInt.of(planned.spec().network().maxTasks());
        // A template holds no intent: both are judged with the spec's, so only the topology can differ.
        java.util.Optional<dev.stackwright.model.Intent> intent = java.util.Optional.of(planned.intent());
        CheckReport a = Analysis.check(plan, intent, tasks, Policy.defaults());
        CheckReport b = Analysis.check(back, intent, tasks, Policy.defaults());
        assertThat(b.passed())
                .as(dev.stackwright.analysis.report.CheckText.render(b))
                .isEqualTo(a.passed())
                .isTrue();
        assertThat(b.violations().stream().map(Violation::rule).toList())
                .isEqualTo(a.violations().stream().map(Violation::rule).toList());
        assertThat(b.findings().stream().map(Finding::id).sorted().toList())
                .isEqualTo(a.findings().stream().map(Finding::id).sorted().toList());

        Set<String> places = new TreeSet<>(
                plan.attachments().stream().map(x -> place(x, true)).toList());
        assertThat(back.attachments().stream().map(x -> place(x, false)).toList())
                .containsAll(places);
        assertThat(exposure(b.exposure(), places, false))
                .isEqualTo(exposure(a.exposure(), places, true))
                .isNotEmpty();
    }

    /** Where an attachment sits, by the template's names: what its exposure depends on. */
    private static String place(Attachment a, boolean planned) {
        String subnet = planned ? NetworkTemplate.subnetId(a.subnetName()) : a.subnetName();
        List<String> groups = a.securityGroupNames().stream()
                .map(g -> planned ? NetworkTemplate.securityGroupId(g) : g)
                .sorted()
                .toList();
        return subnet + " " + groups + (a.publicIp() ? " public" : "");
    }

    private static Set<String> exposure(Exposure e, Set<String> places, boolean planned) {
        Set<String> out = new TreeSet<>();
        for (Exposure.Ingress i : e.fromInternet()) {
            String at = place(i.attachment(), planned);
            if (places.contains(at)) {
                out.add("internet -> " + at + " " + i.protocol() + " " + i.ports() + " from " + i.sources());
            }
        }
        for (Exposure.Internal f : e.internal()) {
            String from = place(f.from(), planned);
            String to = place(f.to(), planned);
            if (places.contains(from) && places.contains(to)) {
                out.add(from + " -> " + to + " " + f.protocol() + " " + f.ports());
            }
        }
        for (Exposure.Egress g : e.toInternet()) {
            String at = place(g.attachment(), planned);
            if (places.contains(at)) {
                out.add(at + " -> internet " + g.protocol() + " " + g.ports());
            }
        }
        for (Exposure.Egress g : e.toServices()) {
            String at = place(g.attachment(), planned);
            if (places.contains(at)) {
                out.add(at + " -> " + g.destination() + " " + g.protocol() + " " + g.ports());
            }
        }
        return out;
    }

    /**
     * The app template's resources and parameters added to the network template, each import of a network export
     * replaced by the export's value: the two stacks as one account will hold them.
     */
    private static void addApplication(ObjectNode network, ObjectNode app) {
        ObjectNode outputs = (ObjectNode) network.get("Outputs");
        ObjectNode resources = (ObjectNode) network.get("Resources");
        ObjectNode parameters =
                network.has("Parameters") ? (ObjectNode) network.get("Parameters") : network.putObject("Parameters");
        app.path("Parameters").properties().forEach(e -> {
            if (!e.getKey().equals("NetworkStack")) {
                parameters.set(e.getKey(), e.getValue());
            }
        });
        app.path("Resources").properties().forEach(e -> {
            assertThat(resources.has(e.getKey()))
                    .as("logical ID used by both stacks: " + e.getKey())
                    .isFalse();
            resources.set(e.getKey(), resolveImports(e.getValue(), outputs));
        });
    }

    private static com.fasterxml.jackson.databind.JsonNode resolveImports(
            com.fasterxml.jackson.databind.JsonNode node, ObjectNode outputs) {
        if (node.isObject()) {
            if (node.size() == 1 && node.has("Fn::ImportValue")) {
                String sub = node.get("Fn::ImportValue").path("Fn::Sub").asText();
                if (sub.startsWith("${RegistryStack}-")) {
                    // The registry stack holds only the repository: its URI and ARN name no network resource.
                    return NODES.textNode("registry-" + sub.substring("${RegistryStack}-".length()));
                }
                String export = sub.replace("${NetworkStack}-", "");
                assertThat(outputs.has(export))
                        .as("the network stack exports " + export)
                        .isTrue();
                return outputs.get(export).get("Value").deepCopy();
            }
            ObjectNode out = NODES.objectNode();
            node.properties().forEach(e -> out.set(e.getKey(), resolveImports(e.getValue(), outputs)));
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = NODES.arrayNode();
            node.forEach(item -> out.add(resolveImports(item, outputs)));
            return out;
        }
        return node;
    }
}
