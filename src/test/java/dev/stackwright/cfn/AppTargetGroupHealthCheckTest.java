package dev.stackwright.cfn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackwright.Stackwright;
import dev.stackwright.model.LoadBalancer;
import dev.stackwright.model.Protocol;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The planner's target group and the one the app template writes agree on the health check port: the template sets
 * no {@code HealthCheckPort}, so AWS's default applies, "The default is to use the port on which each target receives
 * traffic from the load balancer"
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html), and the plan
 * says traffic-port.
 */
class AppTargetGroupHealthCheckTest {
    private static final String ECS = "name: shop\nservice: {compute: fargate, port: 8080}\nfrontDoor: alb\n";

    @Test
    void theTemplatesTargetGroup_setsNoHealthCheckPort_andThePlanSaysTrafficPort() {
        Stackwright.Result r = Stackwright.plan("stackwright.yml", ECS);
        JsonNode group =
                r.appTemplate().toJson().path("Resources").path("TargetGroup").path("Properties");
        assertThat(group.path("Port").asInt()).isEqualTo(8080);
        assertThat(group.has("HealthCheckPort")).as(group.toString()).isFalse();
        List<LoadBalancer.TargetGroup> planned = r.network().loadBalancers().stream()
                .flatMap(lb -> lb.targetGroups().stream())
                .toList();
        assertThat(planned).hasSize(1);
        assertThat(planned.getFirst().healthCheckPort()).isEqualTo(LoadBalancer.HealthCheckPort.TRAFFIC_PORT);
        // So the load balancer opens the service port to its tasks, for traffic and health checks, and nothing else.
        assertThat(planned.getFirst().opensOver(Protocol.TCP))
                .extracting(LoadBalancer.Opening::port)
                .containsOnly(8080);
    }

    @Test
    void aLambdaGroup_isNeitherConnectedToNorHealthCheckedOverTheNetwork() {
        Stackwright.Result r =
                Stackwright.plan("stackwright.yml", "name: shop\nservice: {compute: lambda}\nfrontDoor: alb\n");
        List<LoadBalancer.TargetGroup> planned = r.network().loadBalancers().stream()
                .flatMap(lb -> lb.targetGroups().stream())
                .toList();
        assertThat(planned)
                .isNotEmpty()
                .allSatisfy(g -> assertThat(g.opensOver(Protocol.TCP)).isEmpty());
    }
}
