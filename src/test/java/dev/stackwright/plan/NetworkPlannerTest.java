package dev.stackwright.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.Stackwright;
import dev.stackwright.model.Cidr;
import dev.stackwright.model.Endpoint;
import dev.stackwright.model.Nat;
import dev.stackwright.model.Network;
import dev.stackwright.model.NetworkAcl;
import dev.stackwright.model.Peer;
import dev.stackwright.model.PortRange;
import dev.stackwright.model.Protocol;
import dev.stackwright.model.RouteTable;
import dev.stackwright.model.RouteTarget;
import dev.stackwright.model.SecurityGroup;
import dev.stackwright.model.SecurityGroupRule;
import dev.stackwright.model.Subnet;
import dev.stackwright.model.Tier;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What the model promises, read from the model itself, in every combination of options. */
class NetworkPlannerTest {

    static List<NetworkCombinations.Case> combinations() {
        return NetworkCombinations.all();
    }

    private static Network plan(String yaml) {
        return Stackwright.plan("stackwright.yml", yaml).network();
    }

    private static List<String> advice(String yaml) {
        return Stackwright.plan("stackwright.yml", yaml).intent().advice();
    }

    @ParameterizedTest
    @MethodSource("combinations")
    void securityGroupChain_isPortSpecific(NetworkCombinations.Case c) {
        Network n = plan(c.yaml());
        SecurityGroup frontDoor = n.securityGroup(SecurityGroup.Role.FRONT_DOOR).orElseThrow();
        SecurityGroup app = n.securityGroup(SecurityGroup.Role.APP).orElseThrow();
        // 443 only where the ALB has a certificate, and so an HTTPS listener.
        List<PortRange> open = c.yaml().contains("certificateArn")
                ? List.of(PortRange.of(80), PortRange.of(443))
                : List.of(PortRange.of(80));
        assertThat(frontDoor.ingress()).extracting(SecurityGroupRule::ports).containsExactlyElementsOf(open);
        assertThat(frontDoor.egress()).singleElement().satisfies(r -> {
            assertThat(r.protocol()).isEqualTo(Protocol.TCP);
            assertThat(r.ports()).isEqualTo(PortRange.of(9090));
            assertThat(r.peer()).isEqualTo(new Peer.Group(app.name()));
        });
        // The app admits the front door on the service port only; nothing from the internet.
        assertThat(app.ingress())
                .filteredOn(r -> r.peer().equals(new Peer.Group(frontDoor.name())))
                .singleElement()
                .extracting(SecurityGroupRule::ports)
                .isEqualTo(PortRange.of(9090));
        assertThat(app.ingress()).noneMatch(r -> r.peer() instanceof Peer.Block);
        assertThat(app.ingress()).noneMatch(r -> r.ports().equals(PortRange.ALL));
        n.securityGroup(SecurityGroup.Role.DATABASE).ifPresent(db -> {
            assertThat(db.ingress()).allSatisfy(r -> {
                assertThat(r.ports()).isEqualTo(PortRange.of(n.databasePort()));
                assertThat(r.peer()).isInstanceOf(Peer.Group.class);
            });
            assertThat(db.ingress()).anyMatch(r -> r.peer().equals(new Peer.Group(app.name())));
            assertThat(db.egress()).isEmpty();
            assertThat(app.egress())
                    .anyMatch(r -> r.peer().equals(new Peer.Group(db.name()))
                            && r.ports().equals(PortRange.of(n.databasePort())));
        });
        // No group anywhere admits SSH, RDP or a database port from the whole internet.
        for (SecurityGroup g : n.securityGroups()) {
            assertThat(g.ingress())
                    .noneMatch(r -> r.peer().equals(new Peer.Block(Cidr.ANYWHERE))
                            && (r.ports().contains(22)
                                    || r.ports().contains(3389)
                                    || r.ports().contains(5432)
                                    || r.ports().contains(3306)));
        }
    }

    @ParameterizedTest
    @MethodSource("combinations")
    void tiers_routeAsTheyClaim(NetworkCombinations.Case c) {
        Network n = plan(c.yaml());
        for (Subnet s : n.subnets()) {
            RouteTable table = n.routeTableOf(s.name()).orElseThrow();
            switch (s.tier()) {
                case PUBLIC -> assertThat(table.routesToInternetGateway()).isTrue();
                case APP -> {
                    assertThat(table.routesToInternetGateway()).isFalse();
                    assertThat(table.routesToNat()).isEqualTo(!c.label().contains("nat=none"));
                }
                case DATA -> {
                    assertThat(table.routesToInternetGateway())
                            .as("data tier has no internet route")
                            .isFalse();
                    assertThat(table.routesToNat())
                            .as("data tier has no NAT route")
                            .isFalse();
                }
            }
            assertThat(table.routes().getFirst().target()).isEqualTo(new RouteTarget.Local());
            assertThat(table.routes().getFirst().destination())
                    .isEqualTo(new dev.stackwright.model.RouteDestination.Block(
                            n.vpc().cidr()));
        }
    }

    @ParameterizedTest
    @MethodSource("combinations")
    void gatewayEndpoints_areOnEveryPrivateAndIsolatedTable(NetworkCombinations.Case c) {
        Network n = plan(c.yaml());
        List<String> privateTables = n.routeTables().stream()
                .filter(t -> t.tier() != Tier.PUBLIC)
                .map(RouteTable::name)
                .toList();
        assertThat(n.endpoints())
                .filteredOn(e -> e instanceof Endpoint.Gateway)
                .extracting(Endpoint::service)
                .containsExactly("dynamodb", "s3");
        n.endpoints().stream()
                .filter(e -> e instanceof Endpoint.Gateway)
                .forEach(e ->
                        assertThat(((Endpoint.Gateway) e).routeTableNames()).containsExactlyElementsOf(privateTables));
    }

    @ParameterizedTest
    @MethodSource("combinations")
    void dataAcl_admitsOnlyTheDatabasePortFromTheAppTier(NetworkCombinations.Case c) {
        Network n = plan(c.yaml());
        NetworkAcl acl = n.networkAcls().getFirst();
        assertThat(acl.subnetNames())
                .containsExactlyElementsOf(
                        n.subnets(Tier.DATA).stream().map(Subnet::name).toList());
        List<Cidr> data = n.subnets(Tier.DATA).stream().map(Subnet::cidr).toList();
        for (NetworkAcl.Entry e : acl.entries()) {
            assertThat(e.allow()).isTrue();
            if (data.contains(e.cidr())) {
                continue; // within the tier
            }
            if (e.egress()) {
                assertThat(e.ports()).isEqualTo(PortRange.EPHEMERAL);
            } else {
                assertThat(e.ports()).isEqualTo(PortRange.of(n.databasePort()));
            }
            assertThat(e.cidr()).isNotEqualTo(Cidr.ANYWHERE);
        }
        if (n.databasePort() > 0) {
            for (Subnet app : n.subnets(Tier.APP)) {
                assertThat(acl.entries()).anyMatch(e -> !e.egress() && e.cidr().equals(app.cidr()));
                assertThat(acl.entries()).anyMatch(e -> e.egress() && e.cidr().equals(app.cidr()));
            }
        }
    }

    @Test
    void natInstances_onePerZone_eachZoneRoutesToItsOwn() {
        Network n = plan("name: shop\nenvironment: prod\nnetwork: {azs: 3, nat: instance}\n");
        assertThat(n.nats())
                .hasSize(3)
                .allMatch(x -> x instanceof Nat.Instance i && i.instanceType().equals("t4g.nano"));
        for (String zone : List.of("a", "b", "c")) {
            assertThat(n.routeTables())
                    .filteredOn(t -> t.name().equals("app-" + zone))
                    .singleElement()
                    .satisfies(t -> assertThat(t.routes())
                            .anyMatch(r -> r.target().equals(new RouteTarget.NatInstance("nat-" + zone))));
        }
    }

    @Test
    void natInstanceGroup_admitsOnlyTheAppSubnets_neverTheWorld() {
        Network n = plan("name: shop\nenvironment: prod\nnetwork: {azs: 3, nat: instance}\n");
        SecurityGroup nat = n.securityGroup(SecurityGroup.Role.NAT).orElseThrow();
        assertThat(nat.ingress())
                .extracting(SecurityGroupRule::peer)
                .containsExactlyElementsOf(n.subnets(Tier.APP).stream()
                        .<Peer>map(s -> new Peer.Block(s.cidr()))
                        .toList());
    }

    @Test
    void devDefaults_shareOneNatInstance_andSayWhatThatCosts() {
        Network n = plan("name: shop\nenvironment: dev\n");
        assertThat(n.nats()).hasSize(1);
        assertThat(n.routeTables())
                .filteredOn(t -> t.tier() == Tier.APP)
                .allSatisfy(t ->
                        assertThat(t.routes()).anyMatch(r -> r.target().equals(new RouteTarget.NatInstance("nat-a"))));
        assertThat(advice("name: shop\nenvironment: dev\n"))
                .anyMatch(a -> a.contains("One NAT instance serves every zone"));
        assertThat(n.vpc().cidr()).isEqualTo(Cidr.parse("10.2.0.0/16"));
        assertThat(n.flowLogs())
                .hasValueSatisfying(f -> assertThat(f.retentionDays()).isEqualTo(7));
    }

    @Test
    void gatewayModes_placeTheRightDevices() {
        assertThat(plan("name: shop\nnetwork: {nat: gateway, azs: 3}\n").nats())
                .singleElement()
                .isInstanceOf(Nat.Gateway.class);
        assertThat(plan("name: shop\nnetwork: {nat: gateway-per-az, azs: 3}\n").nats())
                .hasSize(3)
                .allMatch(x -> x instanceof Nat.Gateway);
        assertThat(plan("name: shop\nnetwork: {nat: regional-gateway, azs: 3}\n")
                        .nats())
                .singleElement()
                .isInstanceOf(Nat.RegionalGateway.class);
    }

    @Test
    void noNat_addsTheEndpointsThePlatformNeeds_andSaysWhich() {
        Network n = plan("name: shop\nnetwork: {nat: none, endpoints: [ecr.api, logs]}\n");
        assertThat(n.nats()).isEmpty();
        assertThat(n.endpoints())
                .filteredOn(e -> e instanceof Endpoint.Interface)
                .extracting(Endpoint::service)
                .containsExactly(
                        "ec2messages",
                        "ecr.api",
                        "ecr.dkr",
                        "ecs",
                        "ecs-agent",
                        "ecs-telemetry",
                        "logs",
                        "ssm",
                        "ssmmessages");
        assertThat(advice("name: shop\nnetwork: {nat: none, endpoints: [ecr.api, logs]}\n"))
                .singleElement()
                .asString()
                .contains(
                        "Added the interface endpoints the stack cannot work without: ec2messages, ecr.dkr, ecs, ecs-agent, ecs-telemetry, ssm, ssmmessages.");
        assertThat(
                        advice(
                                "name: shop\nnetwork: {nat: none, access: none, endpoints: [ecr.api, ecr.dkr, logs]}\nservice: {compute: fargate}\n"))
                .singleElement()
                .asString()
                .contains("Every interface endpoint the stack needs is listed");
        Network lambda = plan("name: shop\nnetwork: {nat: none}\nservice: {compute: lambda}\n");
        assertThat(lambda.endpoints())
                .as("Lambda pulls its image and writes logs outside the VPC")
                .noneMatch(e -> e instanceof Endpoint.Interface);
    }

    @Test
    void interfaceEndpoints_sitInTheAppSubnets_behindAnHttpsOnlyGroup() {
        Network n = plan("name: shop\nnetwork: {endpoints: [logs]}\nservice: {compute: fargate}\n");
        assertThat(n.endpoints())
                .filteredOn(e -> e instanceof Endpoint.Interface)
                .singleElement()
                .satisfies(
                        e -> assertThat(((Endpoint.Interface) e).subnetNames()).containsExactly("app-a", "app-b"));
        SecurityGroup endpoints = n.securityGroup(SecurityGroup.Role.ENDPOINT).orElseThrow();
        assertThat(endpoints.ingress()).singleElement().satisfies(r -> {
            assertThat(r.ports()).isEqualTo(PortRange.of(443));
            assertThat(r.peer()).isEqualTo(new Peer.Group("app"));
        });
    }

    @Test
    void bastion_admitsSshFromItsRangeOnly_andReachesTheDatabase() {
        Network n = plan(
                "name: shop\nnetwork: {access: bastion, bastionCidr: 198.51.100.0/24}\ndatabase: {engine: postgres}\n");
        SecurityGroup bastion = n.securityGroup(SecurityGroup.Role.BASTION).orElseThrow();
        assertThat(bastion.ingress()).singleElement().satisfies(r -> {
            assertThat(r.ports()).isEqualTo(PortRange.of(22));
            assertThat(r.peer()).isEqualTo(new Peer.Block(Cidr.parse("198.51.100.0/24")));
        });
        assertThat(n.securityGroup(SecurityGroup.Role.DATABASE).orElseThrow().ingress())
                .anyMatch(r ->
                        r.peer().equals(new Peer.Group("bastion")) && r.ports().equals(PortRange.of(5432)));
        assertThat(n.networkAcls().getFirst().entries())
                .anyMatch(e -> !e.egress() && e.ruleNumber() == 200 && e.ports().equals(PortRange.of(5432)));
    }

    @ParameterizedTest
    @MethodSource("combinations")
    void vpcDefaultGroup_isPlannedWithoutRules_andNothingIsPlacedInIt(NetworkCombinations.Case c) {
        Network n = plan(c.yaml());
        assertThat(n.securityGroups())
                .filteredOn(SecurityGroup::isVpcDefault)
                .singleElement()
                .satisfies(g -> {
                    assertThat(g.ingress()).isEmpty();
                    assertThat(g.egress()).isEmpty();
                });
        assertThat(n.attachments()).noneMatch(a -> a.securityGroupNames().contains(SecurityGroup.VPC_DEFAULT));
        assertThat(n.securityGroups())
                .flatMap(g -> java.util.stream.Stream.concat(g.ingress().stream(), g.egress().stream())
                        .toList())
                .noneMatch(r -> r.peer().equals(new Peer.Group(SecurityGroup.VPC_DEFAULT)));
    }

    @Test
    void sameSpec_givesAnEqualModel() {
        String yaml =
                "name: shop\nenvironment: prod\nnetwork: {azs: 3, endpoints: [logs, ecr.api]}\ndatabase: {engine: mysql}\n";
        assertThat(plan(yaml)).isEqualTo(plan(yaml));
    }
}
