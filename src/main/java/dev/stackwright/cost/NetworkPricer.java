package dev.stackwright.cost;

import dev.stackwright.model.FlowLogs;
import dev.stackwright.spec.TrafficSpec;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Prices a network shape on a traffic profile, line by line. Pure: same shape, traffic and book give the same lines.
 * Every figure comes from the book; this class only counts units.
 */
public final class NetworkPricer {
    /**
     * Root volume of NAT instances and the bastion: the launch template takes the AMI's, and the Amazon Linux 2023
     * AMI's is 8 GB (an assumption printed with the estimate).
     */
    static final BigDecimal ROOT_VOLUME_GB = BigDecimal.valueOf(8);

    /** Lines, and what the reader should know about how they were counted. */
    public record Priced(List<CostLine> lines, List<String> assumptions, List<String> notes) {
        public Priced {
            lines = List.copyOf(lines);
            assumptions = List.copyOf(assumptions);
            notes = List.copyOf(notes);
        }

        public BigDecimal total() {
            return lines.stream().map(CostLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }

    private final PriceBook book;
    private final Lines lines;
    private final List<String> assumptions = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private NetworkPricer(PriceBook book) {
        this.book = book;
        this.lines = new Lines(book);
    }

    public static Priced price(NetworkShape shape, TrafficSpec traffic, PriceBook book) {
        NetworkPricer p = new NetworkPricer(book);
        p.run(shape, traffic);
        return new Priced(p.lines.all(), p.assumptions, p.notes);
    }

    /**
     * Where the app tier's traffic to other AWS services goes, and how much crosses the NAT.
     *
     * @param throughEgressOnlyGateway what a dual-stack network sends to IPv6-capable destinations instead of NAT
     */
    record Routes(
            BigDecimal throughNat,
            BigDecimal throughInterfaceEndpoints,
            BigDecimal unreachable,
            BigDecimal throughEgressOnlyGateway) {}

    static Routes routes(NetworkShape shape, TrafficSpec traffic) {
        Routes v4 = routes(shape, traffic.natGbPerMonth());
        if (!shape.egressOnlyGateway() || traffic.ipv6Share().signum() == 0) {
            return v4;
        }
        // The share of what would cross the NAT that goes to IPv6-capable destinations takes the egress-only gateway.
        BigDecimal moved = v4.throughNat().multiply(traffic.ipv6Share()).stripTrailingZeros();
        return new Routes(
                v4.throughNat().subtract(moved).stripTrailingZeros(),
                v4.throughInterfaceEndpoints(),
                v4.unreachable(),
                moved);
    }

    static Routes routes(NetworkShape shape, TrafficSpec.NatBound out) {
        BigDecimal viaEndpoints = BigDecimal.ZERO;
        BigDecimal viaNat = BigDecimal.ZERO;
        BigDecimal lost = BigDecimal.ZERO;
        if (!shape.interfaceEndpoints().isEmpty()) {
            viaEndpoints = out.otherAws();
        } else if (shape.hasNat()) {
            viaNat = out.otherAws();
        } else {
            lost = out.otherAws();
        }
        if (shape.hasNat()) {
            viaNat = viaNat.add(out.internet());
        } else {
            lost = lost.add(out.internet());
        }
        return new Routes(viaNat, viaEndpoints, lost, BigDecimal.ZERO);
    }

    private void run(NetworkShape shape, TrafficSpec traffic) {
        BigDecimal hours = book.hoursPerMonth();
        String h = Fmt.qty(hours) + " h";
        line(
                "vpc",
                "vpc",
                "VPC, subnets, routes, security groups, ACLs, internet gateway",
                BigDecimal.ONE,
                "vpc.base",
                "1 VPC");

        Routes routes = routes(shape, traffic);
        List<BigDecimal> shares = evenShares(routes.throughNat(), shape.nats().size());
        for (int n = 0; n < shape.nats().size(); n++) {
            NetworkShape.NatDevice nat = shape.nats().get(n);
            BigDecimal share = shares.get(n);
            switch (nat.kind()) {
                case INSTANCE -> {
                    String type = nat.instanceType().orElseThrow();
                    line("public", nat.name(), "NAT instance " + type, hours, "ec2." + type + ".hour", h);
                    line(
                            "public",
                            nat.name(),
                            "root volume gp3",
                            ROOT_VOLUME_GB,
                            "ebs.gp3.gb-month",
                            Fmt.qty(ROOT_VOLUME_GB) + " GB");
                    addresses(nat, "public IPv4 (Elastic IP)", h);
                }
                case GATEWAY -> {
                    line("public", nat.name(), "NAT gateway", hours, "nat-gateway.hour", h);
                    addresses(nat, "public IPv4 (Elastic IP)", h);
                    line("public", nat.name(), "data processed", share, "nat-gateway.gb", gb(share));
                }
                case REGIONAL_GATEWAY -> {
                    BigDecimal zones = BigDecimal.valueOf(nat.zones());
                    line(
                            "public",
                            nat.name(),
                            "regional NAT gateway, active in " + nat.zones() + " zones",
                            hours.multiply(zones),
                            "regional-nat-gateway.az-hour",
                            nat.zones() + " zones x " + h);
                    addresses(nat, "public IPv4 (one per active zone)", h);
                    line("public", nat.name(), "data processed", share, "regional-nat-gateway.gb", gb(share));
                }
            }
        }
        if (shape.nats().stream().anyMatch(n -> n.kind() == NetworkShape.Kind.REGIONAL_GATEWAY)) {
            assumptions.add("a regional NAT gateway is active, with one public IPv4 address, in each of the "
                    + shape.azs() + " zones, because the app subnets span them all");
        }
        int crossing = shape.zonesWithoutOwnNat();
        if (crossing > 0 && routes.throughNat().signum() > 0) {
            BigDecimal crossGb = routes.throughNat()
                    .multiply(BigDecimal.valueOf(crossing))
                    .divide(BigDecimal.valueOf(shape.azs()), 10, RoundingMode.HALF_UP)
                    .stripTrailingZeros();
            line(
                    "vpc",
                    "inter-az",
                    "to and from the NAT in another zone",
                    crossGb.multiply(BigDecimal.TWO),
                    "data-transfer.inter-az.gb",
                    gb(routes.throughNat()) + " x " + crossing + "/" + shape.azs()
                            + " zones without their own NAT x 2 directions");
        }
        if (shape.nats().size() > 1 || (crossing > 0 && routes.throughNat().signum() > 0)) {
            assumptions.add("traffic is spread evenly over the " + shape.azs() + " zones");
        }

        if (shape.egressOnlyGateway()) {
            egressOnlyGateway(shape, traffic, routes);
        }

        shape.bastionInstanceType().ifPresent(type -> {
            line("public", "bastion", "bastion " + type, hours, "ec2." + type + ".hour", h);
            line(
                    "public",
                    "bastion",
                    "root volume gp3",
                    ROOT_VOLUME_GB,
                    "ebs.gp3.gb-month",
                    Fmt.qty(ROOT_VOLUME_GB) + " GB");
            line("public", "bastion", "public IPv4", hours, "public-ipv4.hour", "1 address x " + h);
        });
        if (shape.nats().stream().anyMatch(n -> n.kind() == NetworkShape.Kind.INSTANCE)) {
            assumptions.add("a NAT instance pays for one public IPv4 address, its Elastic IP: the address it launches "
                    + "with is released at boot, minutes later");
        }
        if (shape.bastionInstanceType().isPresent()
                || shape.nats().stream().anyMatch(n -> n.kind() == NetworkShape.Kind.INSTANCE)) {
            assumptions.add("instance root volumes are " + Fmt.qty(ROOT_VOLUME_GB)
                    + " GB gp3, the Amazon Linux 2023 AMI's size");
        }

        for (NetworkShape.InterfaceEndpoint e : shape.interfaceEndpoints()) {
            line(
                    "app",
                    e.service() + "-endpoint",
                    "interface endpoint in " + e.zones() + " zones",
                    hours.multiply(BigDecimal.valueOf(e.zones())),
                    "vpc-endpoint.interface.az-hour",
                    e.zones() + " zones x " + h);
        }
        if (!shape.interfaceEndpoints().isEmpty()) {
            line(
                    "app",
                    "interface-endpoints",
                    "data processed (otherAws traffic)",
                    routes.throughInterfaceEndpoints(),
                    "vpc-endpoint.interface.gb",
                    gb(routes.throughInterfaceEndpoints()));
            assumptions.add(
                    "traffic to other AWS services (natGbPerMonth.otherAws) goes through the interface endpoints you listed");
        }
        TrafficSpec.NatBound out = traffic.natGbPerMonth();
        for (String service : shape.gatewayEndpoints()) {
            BigDecimal gbToService = switch (service) {
                case "s3" -> out.s3();
                case "dynamodb" -> out.dynamodb();
                default -> BigDecimal.ZERO;
            };
            line(
                    "vpc",
                    service + "-endpoint",
                    "gateway endpoint (" + gb(gbToService) + " to " + service + ")",
                    gbToService,
                    "vpc-endpoint.gateway",
                    gb(gbToService));
        }

        shape.flowLogs().ifPresent(flowLogs -> {
            BigDecimal logs = traffic.logGbPerMonth();
            if (flowLogs.destination() == FlowLogs.Destination.S3) {
                // Delivery to S3 is its own vended-logs price, which the book does not hold yet: unpriced, never the
                // CloudWatch Logs price. The bucket keeps them as long as CloudWatch Logs would.
                line("vpc", "flow-logs", "delivered to S3", logs, "cloudwatch-logs.vended-s3.gb", gb(logs));
                lines.s3Storage("vpc", "flow-logs", logs, flowLogs.retentionDays());
            } else {
                line("vpc", "flow-logs", "delivered to CloudWatch Logs", logs, "cloudwatch-logs.vended.gb", gb(logs));
                lines.logStorage("vpc", "flow-logs", logs, flowLogs.retentionDays());
            }
        });

        BigDecimal egress = traffic.egressGbPerMonth();
        line("vpc", "internet", "data out to the internet", egress, "data-transfer.internet-out.gb", gb(egress));

        if (routes.unreachable().signum() > 0) {
            notes.add("nat: none gives the app tier no way out: " + gb(routes.unreachable()) + " a month of traffic in "
                    + "natGbPerMonth (" + (shape.interfaceEndpoints().isEmpty() ? "otherAws and internet" : "internet")
                    + ") has no route. Add interface endpoints for the AWS services, or choose a NAT.");
        }
    }

    /** The free line of the egress-only gateway, and what it saves in NAT processing. */
    private void egressOnlyGateway(NetworkShape shape, TrafficSpec traffic, Routes routes) {
        BigDecimal moved = routes.throughEgressOnlyGateway();
        line(
                "app",
                "egress-only",
                "egress-only internet gateway (IPv6 out of the app tier)",
                moved,
                EGRESS_ONLY_GB,
                gb(moved) + " (ipv6Share " + Fmt.qty(traffic.ipv6Share()) + " of the NAT-bound GB)");
        if (moved.signum() > 0) {
            java.util.Optional<BigDecimal> saved = natProcessingSaved(shape, moved);
            assumptions.add("ipv6Share " + Fmt.qty(traffic.ipv6Share()) + " moves " + gb(moved)
                    + " a month from NAT to the egress-only internet gateway, which has no hourly or per-GB charge: "
                    + saved.map(s -> Fmt.usd(s) + " of NAT processing saved")
                            .orElse("no NAT processing price in the book to say what it saves")
                    + ". Data transfer out to the internet is charged either way.");
        }
    }

    /** The price key of what the egress-only gateway carries ($0). */
    static final String EGRESS_ONLY_GB = "egress-only-internet-gateway.gb";

    /**
     * What NAT processing {@code moved} GB would have cost: the per-GB price of the plan's NAT devices (NAT instances
     * charge no processing, so moving traffic off them saves none). Empty when the book has no confirmed price.
     */
    static java.util.Optional<BigDecimal> natProcessingSaved(NetworkShape shape, BigDecimal moved, PriceBook book) {
        BigDecimal total = BigDecimal.ZERO;
        List<BigDecimal> shares = evenShares(moved, shape.nats().size());
        for (int n = 0; n < shape.nats().size(); n++) {
            String key = switch (shape.nats().get(n).kind()) {
                case INSTANCE -> "";
                case GATEWAY -> "nat-gateway.gb";
                case REGIONAL_GATEWAY -> "regional-nat-gateway.gb";
            };
            if (key.isEmpty()) {
                continue;
            }
            java.util.Optional<Price> price = book.find(key).filter(Price::isPriced);
            if (price.isEmpty()) {
                return java.util.Optional.empty();
            }
            total = total.add(price.get().cost(shares.get(n)));
        }
        return java.util.Optional.of(total);
    }

    private java.util.Optional<BigDecimal> natProcessingSaved(NetworkShape shape, BigDecimal moved) {
        return natProcessingSaved(shape, moved, book);
    }

    /**
     * Traffic is assumed spread evenly over the zones, so each NAT device carries an equal share; the last takes what
     * rounding leaves, so the shares add up to the total exactly.
     */
    static List<BigDecimal> evenShares(BigDecimal total, int parts) {
        List<BigDecimal> out = new ArrayList<>();
        if (parts == 0) {
            return out;
        }
        BigDecimal share = total.divide(BigDecimal.valueOf(parts), 10, RoundingMode.HALF_UP)
                .stripTrailingZeros();
        for (int i = 0; i < parts - 1; i++) {
            out.add(share);
        }
        out.add(total.subtract(share.multiply(BigDecimal.valueOf(parts - 1))));
        return out;
    }

    private void addresses(NetworkShape.NatDevice nat, String item, String h) {
        int n = nat.publicAddresses();
        line(
                "public",
                nat.name(),
                item,
                book.hoursPerMonth().multiply(BigDecimal.valueOf(n)),
                "public-ipv4.hour",
                n + (n == 1 ? " address x " : " addresses x ") + h);
    }

    private static String gb(BigDecimal gb) {
        return Fmt.qty(gb) + " GB";
    }

    private void line(String group, String resource, String item, BigDecimal quantity, String key, String counted) {
        lines.add(group, resource, item, quantity, key, counted);
    }
}
