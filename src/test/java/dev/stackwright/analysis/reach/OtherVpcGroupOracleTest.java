package dev.stackwright.analysis.reach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.analysis.Networks;
import dev.stackwright.model.Cidr;
import dev.stackwright.model.Network;
import dev.stackwright.model.Peer;
import dev.stackwright.model.PortRange;
import dev.stackwright.model.Protocol;
import dev.stackwright.model.Route;
import dev.stackwright.model.RouteTable;
import dev.stackwright.model.RouteTarget;
import dev.stackwright.model.SecurityGroup;
import dev.stackwright.model.SecurityGroupRule;
import dev.stackwright.model.Subnet;
import dev.stackwright.model.Tier;
import dev.stackwright.model.TransitGateways;
import dev.stackwright.model.TransitGateways.SecurityGroupReferencing;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The differential test for rules that name another VPC's security group: on 1000 random pairs of VPCs (each app
 * subnet's table routing the other VPC's block to peering pcx-1 or pcx-2, transit gateway tgw-1, or nowhere; the
 * source app group's one egress rule and the destination app group's one ingress rule each naming a block, a group of
 * their own VPC, the other VPC's group (the right one or another), or a group of a VPC the input does not have; the
 * peering connection's status active, pending, deleted or not given; both VPCs attached to tgw-1 in their app subnets,
 * and the {@code SecurityGroupReferencingSupport} option of tgw-1 and of each attachment enabled, disabled or not in
 * the input), the verdict of tcp 443 between the app resources agrees with the rule as stated here, without the
 * engine's classes:
 *
 * <ul>
 *   <li>AWS: "You can update the inbound or outbound rules for your VPC security groups to reference security groups
 *       for peered VPCs ... To reference a security group in a peer VPC, the VPC peering connection must be in the
 *       active state." (https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-security-groups.html) So a
 *       reference to the other end's group matches over a peering connection that is active or whose state the input
 *       does not give (taken to carry, as every peered flow is), and not over one that is pending or deleted.
 *   <li>Over a transit gateway an outbound reference is not supported and an inbound one is, between VPCs attached to
 *       the gateway ("This new feature allows you to create inbound security rules that reference security groups
 *       defined in other Amazon Virtual Private Clouds (Amazon VPCs) attached to a transit gateway within the same
 *       Amazon Web Services (AWS) Region. Outbound security rules referencing over Transit Gateway aren't supported at
 *       this time":
 *       https://aws.amazon.com/blogs/networking-and-content-delivery/introducing-security-group-referencing-for-aws-transit-gateway/),
 *       where the option is on: "You can enable or disable the security group referencing support option when
 *       creating a new or editing an existing transit gateway or Transit Gateway VPC attachment" (ibid.). An inbound
 *       reference matches when the gateway's option and both VPCs' attachments' are enabled; not when the gateway's
 *       is disabled or both attachments' are; else (one attachment's disabled, which the pages do not settle, or one
 *       of the three not in the input) cannot tell.
 *   <li>A group of the rule's own VPC never matches the other VPC's resource, even when both VPCs have a group of that
 *       name; a group the input does not have is carried by no resource of the input.
 *   <li>The flow is blocked unless both tables route through the same link; else blocked when a rule does not match;
 *       else cannot tell when one cannot tell; else reachable.
 * </ul>
 */
class OtherVpcGroupOracleTest {
    static final Network A = Networks.plan("name: aa\nenvironment: prod\n"); // 10.0.0.0/16
    static final Network B = Networks.plan("name: bb\nenvironment: staging\n"); // 10.1.0.0/16

    enum Outcome {
        REACHABLE,
        BLOCKED,
        CANNOT_TELL
    }

    /** What a rule's peer is, as the plain evaluator reads it. */
    enum Kind {
        BLOCK,
        OWN_GROUP,
        OTHER_RIGHT,
        OTHER_WRONG,
        NOT_IN_INPUT
    }

    /** The kinds drawn, weighted towards those that let a flow through, so every verdict comes up often. */
    static final List<Kind> KINDS = List.of(
            Kind.BLOCK,
            Kind.BLOCK,
            Kind.OTHER_RIGHT,
            Kind.OTHER_RIGHT,
            Kind.OTHER_RIGHT,
            Kind.OWN_GROUP,
            Kind.OTHER_WRONG,
            Kind.NOT_IN_INPUT);

    /** A link a table may route the other VPC to; NONE: no route. */
    enum Link {
        PCX1,
        PCX2,
        TGW,
        NONE
    }

    /** The option of tgw-1, then of A's attachment, then of B's. */
    record Options(SecurityGroupReferencing gateway, SecurityGroupReferencing a, SecurityGroupReferencing b) {
        List<SecurityGroupReferencing> all() {
            return List.of(gateway, a, b);
        }
    }

    /** The options drawn, weighted towards enabled, so a reference over the gateway comes out each way. */
    static final List<SecurityGroupReferencing> GATEWAY_OPTIONS = List.of(
            SecurityGroupReferencing.ENABLED,
            SecurityGroupReferencing.ENABLED,
            SecurityGroupReferencing.ENABLED,
            SecurityGroupReferencing.DISABLED,
            SecurityGroupReferencing.NOT_IN_INPUT);

    static final List<SecurityGroupReferencing> ATTACHMENT_OPTIONS = List.of(
            SecurityGroupReferencing.ENABLED,
            SecurityGroupReferencing.ENABLED,
            SecurityGroupReferencing.ENABLED,
            SecurityGroupReferencing.ENABLED,
            SecurityGroupReferencing.DISABLED,
            SecurityGroupReferencing.NOT_IN_INPUT);

    record Case(Link fromA, Link fromB, Kind egress, Kind ingress, Optional<String> status, Options options) {}

    @Test
    void engine_agreesWithTheRuleStatedHere_onRandomPairsOfVpcs() {
        Map<Outcome, Integer> seen = new TreeMap<>();
        Map<Outcome, Integer> overGateway = new TreeMap<>();
        for (long seed = 1; seed <= 1000; seed++) {
            Random random = new Random(seed * 0x9E3779B97F4A7C15L);
            Case c = new Case(
                    pick(random, Link.values()),
                    pick(random, Link.values()),
                    pick(random, KINDS),
                    pick(random, KINDS),
                    pick(
                            random,
                            List.of(
                                    Optional.of("active"),
                                    Optional.of("pending-acceptance"),
                                    Optional.of("deleted"),
                                    Optional.<String>empty())),
                    new Options(
                            pick(random, GATEWAY_OPTIONS),
                            pick(random, ATTACHMENT_OPTIONS),
                            pick(random, ATTACHMENT_OPTIONS)));
            if (random.nextInt(3) > 0) {
                // Most cases share one link, so the rules decide.
                c = new Case(c.fromA(), c.fromA(), c.egress(), c.ingress(), c.status(), c.options());
            }
            Network a = routed(egress(A, c), B, c.fromA());
            Network b = routed(ingress(B, c), A, c.fromB());
            CrossVpc.Result r = CrossVpcTest.only(
                    CrossVpc.Family.IPV4,
                    CrossVpc.evaluate(
                            a, app(a), b, app(b), Protocol.TCP, PortRange.of(443), transit(a, b, c.options())));
            Outcome engine = Outcome.valueOf(r.verdict().name());
            Outcome plain = plain(c);
            assertThat(engine)
                    .as(
                            "seed %d: %s\nlink %s\nleaving %s\nentering %s",
                            seed,
                            c,
                            r.linkProblems(),
                            r.leaving().answer().blockers(),
                            r.entering().answer().blockers())
                    .isEqualTo(plain);
            seen.merge(plain, 1, Integer::sum);
            if (c.fromA() == Link.TGW
                    && c.fromB() == Link.TGW
                    && c.egress() == Kind.BLOCK
                    && c.ingress() == Kind.OTHER_RIGHT) {
                overGateway.merge(plain, 1, Integer::sum);
            }
        }
        // Not vacuous: every verdict comes up, and each of them for an inbound reference over the gateway alone.
        assertThat(seen).containsKeys(Outcome.values());
        assertThat(seen.values()).allMatch(n -> n >= 5);
        assertThat(overGateway).as("over the gateway").containsKeys(Outcome.values());
    }

    /** The rule, stated on its own. */
    static Outcome plain(Case c) {
        if (c.fromA() != c.fromB() || c.fromA() == Link.NONE) {
            return Outcome.BLOCKED;
        }
        Outcome out = matches(c.egress(), c, false);
        Outcome in = matches(c.ingress(), c, true);
        if (out == Outcome.BLOCKED || in == Outcome.BLOCKED) {
            return Outcome.BLOCKED;
        }
        return out == Outcome.CANNOT_TELL || in == Outcome.CANNOT_TELL ? Outcome.CANNOT_TELL : Outcome.REACHABLE;
    }

    private static Outcome matches(Kind kind, Case c, boolean inbound) {
        if (kind == Kind.BLOCK) {
            return Outcome.REACHABLE;
        }
        if (kind != Kind.OTHER_RIGHT) {
            return Outcome.BLOCKED;
        }
        if (c.fromA() == Link.TGW) {
            boolean bothAttachmentsOff = c.options().a() == SecurityGroupReferencing.DISABLED
                    && c.options().b() == SecurityGroupReferencing.DISABLED;
            if (!inbound || c.options().gateway() == SecurityGroupReferencing.DISABLED || bothAttachmentsOff) {
                return Outcome.BLOCKED;
            }
            // One attachment off: the pages do not say whether that alone stops it.
            return c.options().all().contains(SecurityGroupReferencing.NOT_IN_INPUT)
                            || c.options().all().contains(SecurityGroupReferencing.DISABLED)
                    ? Outcome.CANNOT_TELL
                    : Outcome.REACHABLE;
        }
        boolean inactive = c.status().isPresent() && !c.status().get().equals("active");
        return inactive ? Outcome.BLOCKED : Outcome.REACHABLE;
    }

    /** tgw-1 with the case's option, A and B attached to it in their app subnets, AWS's default route table. */
    private static TransitGateways transit(Network a, Network b, Options options) {
        return new TransitGateways(
                List.of(new TransitGateways.Gateway("tgw-1", options.gateway())),
                List.of(attachment("att-a", a, options.a()), attachment("att-b", b, options.b())),
                List.of());
    }

    private static TransitGateways.Attachment attachment(String id, Network n, SecurityGroupReferencing option) {
        return new TransitGateways.Attachment(
                id,
                "tgw-1",
                TransitGateways.Kind.VPC,
                Optional.of(n.stackName()),
                Optional.of(n.vpc().cidr()),
                n.subnets(Tier.APP).stream().map(Subnet::name).toList(),
                Optional.empty(),
                List.of(),
                false,
                TransitGateways.Ipv6Support.NOT_IN_INPUT,
                option);
    }

    private static Peer peer(Kind kind, Network other, Cidr block, Optional<String> status) {
        return switch (kind) {
            case BLOCK -> new Peer.Block(block);
            case OWN_GROUP -> new Peer.Group("app"); // the other VPC has a group of this name too
            case OTHER_RIGHT -> new Peer.OtherVpcGroup(other.stackName(), "app", true, status);
            case OTHER_WRONG -> new Peer.OtherVpcGroup(other.stackName(), "database", true, status);
            case NOT_IN_INPUT -> new Peer.OtherVpcGroup("vpc-far", "sg-far", false, status);
        };
    }

    private static Network egress(Network n, Case c) {
        SecurityGroupRule rule =
                SecurityGroupRule.tcp(443, peer(c.egress(), B, B.vpc().cidr(), c.status()), "out");
        return Networks.editGroup(
                n, "app", g -> new SecurityGroup(g.name(), g.role(), g.description(), g.ingress(), List.of(rule)));
    }

    private static Network ingress(Network n, Case c) {
        Cidr from = A.subnet("app-a").orElseThrow().cidr();
        SecurityGroupRule rule = SecurityGroupRule.tcp(443, peer(c.ingress(), A, from, c.status()), "in");
        return Networks.editGroup(
                n, "app", g -> new SecurityGroup(g.name(), g.role(), g.description(), List.of(rule), g.egress()));
    }

    private static Network routed(Network n, Network other, Link link) {
        if (link == Link.NONE) {
            return n;
        }
        RouteTarget target = switch (link) {
            case PCX1 -> new RouteTarget.Peering("pcx-1");
            case PCX2 -> new RouteTarget.Peering("pcx-2");
            default -> new RouteTarget.TransitGateway("tgw-1");
        };
        return Networks.editTable(n, "app-a", t -> {
            List<Route> routes = new ArrayList<>(t.routes());
            routes.add(Route.to(other.vpc().cidr(), target));
            return new RouteTable(t.name(), t.tier(), routes, t.subnetNames());
        });
    }

    private static Location.Resource app(Network n) {
        return (Location.Resource) new Names(n, new AddressSpace(n))
                .destination("app-a").locations().stream()
                        .filter(l -> l instanceof Location.Resource)
                        .findFirst()
                        .orElseThrow();
    }

    private static <T> T pick(Random random, T[] from) {
        return from[random.nextInt(from.length)];
    }

    private static <T> T pick(Random random, List<T> from) {
        return from.get(random.nextInt(from.size()));
    }
}
