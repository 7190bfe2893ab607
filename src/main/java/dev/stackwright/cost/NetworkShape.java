package dev.stackwright.cost;

import dev.stackwright.model.Endpoint;
import dev.stackwright.model.FlowLogs;
import dev.stackwright.model.Nat;
import dev.stackwright.model.NatMode;
import dev.stackwright.model.Network;
import dev.stackwright.model.PlannedNetwork;
import java.util.List;
import java.util.Optional;

/**
 * What of a network costs money, and nothing else: zones, NAT devices, endpoints, flow logs, bastion. Read from the
 * model for the plan itself; alternatives are the same shape with another NAT (see {@link NatAlternatives}), so the
 * plan and its alternatives are priced by one function.
 *
 * @param egressOnlyGateway whether the app tier's IPv6 traffic leaves through an egress-only internet gateway (a
 *                          dual-stack network with a way out)
 */
public record NetworkShape(
        int azs,
        NatMode natMode,
        List<NatDevice> nats,
        List<InterfaceEndpoint> interfaceEndpoints,
        List<String> gatewayEndpoints,
        Optional<FlowLogs> flowLogs,
        Optional<String> bastionInstanceType,
        boolean egressOnlyGateway) {

    public enum Kind {
        INSTANCE,
        GATEWAY,
        REGIONAL_GATEWAY
    }

    /**
     * One NAT device.
     *
     * @param instanceType for NAT instances
     * @param zones        zones it is active in: 1 for zonal devices, every zone for a regional gateway
     */
    public record NatDevice(String name, Kind kind, Optional<String> instanceType, int zones) {
        /** What a planned device costs by, in a network of {@code azs} zones. */
        public static NatDevice of(Nat nat, int azs) {
            return switch (nat) {
                case Nat.Instance i -> new NatDevice(i.name(), Kind.INSTANCE, Optional.of(i.instanceType()), 1);
                case Nat.Gateway g -> new NatDevice(g.name(), Kind.GATEWAY, Optional.empty(), 1);
                case Nat.RegionalGateway r -> new NatDevice(r.name(), Kind.REGIONAL_GATEWAY, Optional.empty(), azs);
            };
        }

        /**
         * Public IPv4 addresses billed for this device by the hour. A NAT instance or gateway: its Elastic IP (a NAT
         * instance's boot unit releases the launch address once the static interface carries its traffic, so that one
         * lives minutes per launch). A regional gateway: one per zone it is active in.
         */
        public int publicAddresses() {
            return switch (kind) {
                case INSTANCE, GATEWAY -> 1;
                case REGIONAL_GATEWAY -> zones;
            };
        }
    }

    /** An interface endpoint with one network interface (and one hourly charge) in each of {@code zones}. */
    public record InterfaceEndpoint(String service, int zones) {}

    public NetworkShape {
        nats = List.copyOf(nats);
        interfaceEndpoints = List.copyOf(interfaceEndpoints);
        gatewayEndpoints = List.copyOf(gatewayEndpoints);
    }

    /** The shape of a planned network, exactly as NetworkTemplate deploys it. */
    public static NetworkShape of(PlannedNetwork planned) {
        Network network = planned.network();
        int azs = network.azs().size();
        List<NatDevice> nats =
                network.nats().stream().map(n -> NatDevice.of(n, azs)).toList();
        List<InterfaceEndpoint> interfaces = network.endpoints().stream()
                .filter(e -> e instanceof Endpoint.Interface)
                .map(e -> new InterfaceEndpoint(
                        e.service(), ((Endpoint.Interface) e).subnetNames().size()))
                .sorted(java.util.Comparator.comparing(InterfaceEndpoint::service))
                .toList();
        List<String> gateways = network.endpoints().stream()
                .filter(e -> e instanceof Endpoint.Gateway)
                .map(Endpoint::service)
                .sorted()
                .toList();
        return new NetworkShape(
                azs,
                planned.intent().natMode(),
                nats,
                interfaces,
                gateways,
                network.flowLogs(),
                network.bastion().map(b -> b.instanceType()),
                network.ipv6().map(d -> !d.egressOnlyGateways().isEmpty()).orElse(false));
    }

    public NetworkShape withNat(NatMode mode, List<NatDevice> devices) {
        // Without NAT the app tier has no way out, on IPv6 too: the planner adds no egress-only gateway then.
        return new NetworkShape(
                azs,
                mode,
                devices,
                interfaceEndpoints,
                gatewayEndpoints,
                flowLogs,
                bastionInstanceType,
                egressOnlyGateway && !devices.isEmpty());
    }

    public NetworkShape withInterfaceEndpoints(List<InterfaceEndpoint> endpoints) {
        return new NetworkShape(
                azs, natMode, nats, endpoints, gatewayEndpoints, flowLogs, bastionInstanceType, egressOnlyGateway);
    }

    /** Zones whose traffic must cross to a NAT in another zone: those without a NAT of their own. */
    public int zonesWithoutOwnNat() {
        if (nats.isEmpty()) {
            return 0;
        }
        int covered = nats.stream().mapToInt(NatDevice::zones).sum();
        return Math.max(0, azs - covered);
    }

    public boolean hasNat() {
        return !nats.isEmpty();
    }
}
