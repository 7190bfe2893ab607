package dev.stackwright.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackwright.Stackwright;
import dev.stackwright.analysis.Analysis;
import dev.stackwright.analysis.policy.Policy;
import dev.stackwright.cfn.TemplateWriter;
import dev.stackwright.cfnspec.ResourceSpecCheck;
import dev.stackwright.model.Network;
import dev.stackwright.model.Peer;
import dev.stackwright.model.PortRange;
import dev.stackwright.model.Protocol;
import dev.stackwright.model.SecurityGroup;
import dev.stackwright.model.SecurityGroupRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every compute x front door x database x NAT x access combination: both templates pass AWS's resource
 * specification, the app stack imports only what the network stack exports, the security-group chain is
 * port-specific, and the default policy holds.
 */
class AppCombinationsTest {
    static List<AppCombinations.Case> combinations() {
        return AppCombinations.all();
    }

    private static Stackwright.Result plan(AppCombinations.Case c) {
        return Stackwright.plan("stackwright.yml", c.yaml());
    }

    @ParameterizedTest
    @MethodSource("combinations")
    void bothTemplates_passResourceSpecification_andAreDeterministic(AppCombinations.Case c) {
        Stackwright.Result r = plan(c);
        ResourceSpecCheck spec = ResourceSpecCheck.load().strictTypes();
        spec.assertValid(r.networkTemplate().toJson());
        spec.assertValid(r.appTemplate().toJson());
        assertThat(TemplateWriter.write(plan(c).appTemplate().toJson(), TemplateWriter.Format.YAML))
                .isEqualTo(TemplateWriter.write(r.appTemplate().toJson(), TemplateWriter.Format.YAML));
    }

    @ParameterizedTest
    @MethodSource("combinations")
    void appStack_importsOnlyWhatTheNetworkStackExports(AppCombinations.Case c) {
        Stackwright.Result r = plan(c);
        Set<String> exported = new TreeSet<>();
        r.networkTemplate().toJson().path("Outputs").properties().forEach(e -> {
            if (e.getValue().has("Export")) {
                exported.add(e.getKey());
            }
        });
        Set<String> registryExports = new TreeSet<>();
        r.registryTemplate()
                .ifPresent(t -> t.toJson().path("Outputs").properties().forEach(e -> {
                    if (e.getValue().has("Export")) {
                        registryExports.add(e.getKey());
                    }
                }));
        List<String> imported = new ArrayList<>();
        List<String> fromRegistry = new ArrayList<>();
        for (JsonNode importValue : r.appTemplate().toJson().findValues("Fn::ImportValue")) {
            String name = importValue.path("Fn::Sub").asText();
            if (name.startsWith("${RegistryStack}-")) {
                fromRegistry.add(name.substring("${RegistryStack}-".length()));
                continue;
            }
            assertThat(name).startsWith("${NetworkStack}-");
            imported.add(name.substring("${NetworkStack}-".length()));
        }
        assertThat(imported).isNotEmpty();
        assertThat(exported).containsAll(imported);
        // The registry's exports, when the app runs from it: its image and its pull permission.
        assertThat(registryExports).containsAll(fromRegistry);
        assertThat(fromRegistry.isEmpty()).isEqualTo(r.registryTemplate().isEmpty());
        assertThat(r.appTemplate()
                        .toJson()
                        .path("Parameters")
                        .path("NetworkStack")
                        .path("Default")
                        .asText())
                .isEqualTo("combo-" + r.spec().environment().id() + "-network");
    }

    @ParameterizedTest
    @MethodSource("combinations")
    void securityGroupChain_isPortSpecific(AppCombinations.Case c) {
        Network n = plan(c).network();
        int service = 9090;
        int database = n.databasePort();
        for (SecurityGroup g : n.securityGroups()) {
            for (SecurityGroupRule rule : g.ingress()) {
                String what = g.name() + " <- " + rule.peer().describe() + " " + rule.ports();
                switch (g.role()) {
                    case FRONT_DOOR -> {
                        assertThat(c.frontDoor()).as(what).isEqualTo("alb");
                        assertThat(rule.ports()).as(what).isIn(PortRange.of(80), PortRange.of(443));
                    }
                    case APP -> {
                        boolean fromFrontDoor = rule.peer().equals(new Peer.Group("front-door"))
                                && rule.ports().equals(PortRange.of(service));
                        boolean sshFromBastion = rule.peer().equals(new Peer.Group("bastion"))
                                && rule.ports().equals(PortRange.of(22))
                                && g.name().equals("ecs-hosts");
                        assertThat(fromFrontDoor || sshFromBastion).as(what).isTrue();
                        assertThat(c.compute())
                                .as("Lambda's interfaces take no inbound traffic")
                                .isNotEqualTo("lambda");
                    }
                    case DATABASE -> {
                        assertThat(rule.ports()).as(what).isEqualTo(PortRange.of(database));
                        assertThat(rule.peer()).as(what).isIn(new Peer.Group("app"), new Peer.Group("bastion"));
                    }
                    case BASTION -> assertThat(rule.ports()).as(what).isEqualTo(PortRange.of(22));
                    case ENDPOINT -> assertThat(rule.ports()).as(what).isEqualTo(PortRange.of(443));
                    case NAT -> assertThat(rule.peer()).as(what).isInstanceOf(Peer.Block.class);
                    case OTHER -> {
                        // a group the planner gave no role to has no rule to check here
                    }
                }
                if (g.role() != SecurityGroup.Role.NAT) {
                    assertThat(rule.protocol()).as(what).isEqualTo(Protocol.TCP);
                }
            }
            if (g.role() == SecurityGroup.Role.FRONT_DOOR) {
                assertThat(g.egress()).as(g.name() + " egress").singleElement().satisfies(r -> {
                    assertThat(r.peer()).isEqualTo(new Peer.Group("app"));
                    assertThat(r.ports()).isEqualTo(PortRange.of(service));
                });
            }
        }
        assertThat(n.securityGroup(SecurityGroup.Role.FRONT_DOOR).isPresent())
                .as("a front door group exists exactly when it has addresses in the VPC")
                .isEqualTo(c.frontDoor().equals("alb") || !c.compute().equals("lambda"));
    }

    @ParameterizedTest
    @MethodSource("combinations")
    void everyCombination_passesTheDefaultPolicy(AppCombinations.Case c) {
        assertThat(Analysis.gate(plan(c).network(), Policy.defaults())).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("combinations")
    void appTemplate_keepsSecretsOut_andTagsWhatItCan(AppCombinations.Case c) {
        JsonNode template = plan(c).appTemplate().toJson();
        assertThat(template.findValues("MasterUserPassword"))
                .as("no password in the template")
                .isEmpty();
        assertThat(template.findValues("MasterUserSecret")).isEmpty();
        if (c.database()) {
            assertThat(template.path("Resources")
                            .path("Database")
                            .path("Properties")
                            .path("ManageMasterUserPassword")
                            .asBoolean())
                    .as("RDS generates and keeps the password")
                    .isTrue();
        }
        template.path("Resources").properties().forEach(e -> {
            JsonNode tags = e.getValue().path("Properties").path("Tags");
            if (tags.isArray()) {
                assertThat(tags.findValuesAsText("Key")).as(e.getKey()).contains("Name", "stackwright:stack");
            } else if (tags.isObject()) {
                assertThat(tags.has("Name") && tags.has("stackwright:stack"))
                        .as(e.getKey())
                        .isTrue();
            }
        });
    }
}
