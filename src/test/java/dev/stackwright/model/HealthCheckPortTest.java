package dev.stackwright.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.model.LoadBalancer.HealthCheckPort;
import dev.stackwright.model.LoadBalancer.Opening;
import dev.stackwright.model.LoadBalancer.Purpose;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What a load balancer opens towards a target: its traffic and its health checks.
 *
 * <p>"HealthCheckPort: The port the load balancer uses when performing health checks on targets. If the protocol is
 * HTTP, HTTPS, TCP, TLS, UDP, or TCP_UDP, the default is traffic-port, which is the port on which each target receives
 * traffic from the load balancer. If the protocol is GENEVE, the default is port 80." and "The GENEVE, TLS, UDP, and
 * TCP_UDP protocols are not supported for health checks":
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html
 */
class HealthCheckPortTest {
    private static LoadBalancer.TargetGroup group(
            LoadBalancer.Scheme protocol, LoadBalancer.TargetType type, HealthCheckPort healthCheckPort) {
        return new LoadBalancer.TargetGroup(
                "web",
                protocol,
                type,
                List.of(new LoadBalancer.Target("app", 8080)),
                List.of(8080),
                true,
                Optional.empty(),
                healthCheckPort);
    }

    @Test
    void parse_takesTrafficPortOrAPort_andNothingElse() {
        assertThat(HealthCheckPort.parse("traffic-port")).contains(HealthCheckPort.TRAFFIC_PORT);
        assertThat(HealthCheckPort.parse(" 8081 ")).contains(new HealthCheckPort.PortNumber(8081));
        assertThat(HealthCheckPort.parse("1")).contains(new HealthCheckPort.PortNumber(1));
        assertThat(HealthCheckPort.parse("65535")).contains(new HealthCheckPort.PortNumber(65535));
        for (String bad : List.of("0", "65536", "99999", "-1", "http", "80-81", "", "8081.0", "traffic")) {
            assertThat(HealthCheckPort.parse(bad)).as(bad).isEmpty();
        }
        assertThatThrownBy(() -> new HealthCheckPort.PortNumber(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anHttpGroup_opensTheTrafficPort_andItsHealthCheckPort_overTcp() {
        assertThat(group(
                                LoadBalancer.Scheme.HTTP,
                                LoadBalancer.TargetType.INSTANCE,
                                new HealthCheckPort.PortNumber(8081))
                        .opens(8080))
                .containsExactly(
                        new Opening(8080, Protocol.TCP, Purpose.TRAFFIC),
                        new Opening(8081, Protocol.TCP, Purpose.HEALTH_CHECK));
        for (HealthCheckPort traffic : List.of(HealthCheckPort.TRAFFIC_PORT, HealthCheckPort.NOT_GIVEN)) {
            assertThat(group(LoadBalancer.Scheme.HTTP, LoadBalancer.TargetType.IP, traffic)
                            .opens(8080))
                    .as("%s", traffic)
                    .containsExactly(
                            new Opening(8080, Protocol.TCP, Purpose.TRAFFIC),
                            new Opening(8080, Protocol.TCP, Purpose.HEALTH_CHECK));
        }
    }

    @Test
    void aUdpGroup_isHealthCheckedOverTcp_onItsTrafficPortByDefault() {
        assertThat(group(LoadBalancer.Scheme.UDP, LoadBalancer.TargetType.INSTANCE, HealthCheckPort.NOT_GIVEN)
                        .opensOver(Protocol.TCP))
                .containsExactly(new Opening(8080, Protocol.TCP, Purpose.HEALTH_CHECK));
        assertThat(group(LoadBalancer.Scheme.UDP, LoadBalancer.TargetType.INSTANCE, HealthCheckPort.NOT_GIVEN)
                        .opensOver(Protocol.UDP))
                .containsExactly(new Opening(8080, Protocol.UDP, Purpose.TRAFFIC));
    }

    @Test
    void aGeneveGroup_isHealthCheckedOn80_unlessItSaysOtherwise() {
        LoadBalancer.TargetGroup geneve = new LoadBalancer.TargetGroup(
                "appliances",
                LoadBalancer.Scheme.GENEVE,
                LoadBalancer.TargetType.INSTANCE,
                List.of(new LoadBalancer.Target("fw", 6081)),
                List.of(6081),
                true);
        assertThat(geneve.opens(6081))
                .containsExactly(
                        new Opening(6081, Protocol.UDP, Purpose.TRAFFIC),
                        new Opening(80, Protocol.TCP, Purpose.HEALTH_CHECK));
        assertThat(geneve.portsOf("fw")).containsExactly(80, 6081);
        assertThat(group(LoadBalancer.Scheme.GENEVE, LoadBalancer.TargetType.INSTANCE, HealthCheckPort.TRAFFIC_PORT)
                        .opens(6081))
                .contains(new Opening(6081, Protocol.TCP, Purpose.HEALTH_CHECK));
    }

    @Test
    void aTargetWithoutAPort_isHealthCheckedOnAnyPortForTrafficPort_andOnTheGroupsOwnOtherwise() {
        LoadBalancer.TargetGroup own =
                group(LoadBalancer.Scheme.TCP, LoadBalancer.TargetType.INSTANCE, new HealthCheckPort.PortNumber(9000));
        assertThat(own.opens(LoadBalancer.Target.ANY_PORT))
                .contains(new Opening(9000, Protocol.TCP, Purpose.HEALTH_CHECK));
        assertThat(group(LoadBalancer.Scheme.TCP, LoadBalancer.TargetType.INSTANCE, HealthCheckPort.NOT_GIVEN)
                        .opens(LoadBalancer.Target.ANY_PORT))
                .contains(new Opening(LoadBalancer.Target.ANY_PORT, Protocol.TCP, Purpose.HEALTH_CHECK));
    }

    @Test
    void aLambdaGroup_opensNothing() {
        assertThat(group(LoadBalancer.Scheme.HTTP, LoadBalancer.TargetType.LAMBDA, new HealthCheckPort.PortNumber(80))
                        .opens(8080))
                .isEmpty();
    }
}
