package dev.stackwright.cfn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.Stackwright;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Load balancer and target group names: valid for AWS, and different for each environment of a project. */
class LoadBalancerNameTest {
    /** At most 32 letters, digits and hyphens, no hyphen first or last, not starting with internal- (AWS's rules). */
    private static void assertValid(String name) {
        assertThat(name)
                .hasSizeLessThanOrEqualTo(32)
                .matches("^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$")
                .doesNotStartWith("internal-");
    }

    private static String nameInTemplate(String project, String environment, String compute) {
        Stackwright.Result r = Stackwright.plan(
                "stackwright.yml",
                "name: " + project + "\nenvironment: " + environment + "\nservice:\n  compute: " + compute
                        + "\nfrontDoor: alb\n");
        String lb = r.appTemplate()
                .toJson()
                .path("Resources")
                .path("LoadBalancer")
                .path("Properties")
                .path("Name")
                .asText();
        assertThat(lb).isNotEmpty();
        return lb;
    }

    @Test
    void longProject_getsADifferentValidNameInEachEnvironment() {
        String project = "a-very-long-project-name-of-32ch";
        assertThat(project).hasSize(32);
        Set<String> names = new TreeSet<>();
        for (String env : List.of("dev", "staging", "prod")) {
            String name = nameInTemplate(project, env, "fargate");
            assertValid(name);
            assertThat(name).endsWith("-" + env).startsWith("a-very-long");
            names.add(name);
        }
        assertThat(names).hasSize(3);
    }

    @Test
    void lambdaTargetGroup_andItsInvokePermission_useTheSameUniqueName() {
        Stackwright.Result r = Stackwright.plan(
                "stackwright.yml",
                "name: a-very-long-project-name-of-32ch\nenvironment: staging\nservice:\n  compute: lambda\nfrontDoor: alb\n");
        var resources = r.appTemplate().toJson().path("Resources");
        String tg =
                resources.path("TargetGroup").path("Properties").path("Name").asText();
        assertValid(tg);
        assertThat(tg).endsWith("-staging");
        assertThat(resources
                        .path("LoadBalancerInvokePermission")
                        .path("Properties")
                        .path("SourceArn")
                        .toString())
                .contains(":targetgroup/" + tg + "/*");
    }

    @Test
    void longProjectsSharingAPrefix_stayApart_andTheNameIsStable() {
        String a = AppTemplate.loadBalancerName("orders-service-for-the-east-region", "prod");
        String b = AppTemplate.loadBalancerName("orders-service-for-the-west-region", "prod");
        assertValid(a);
        assertValid(b);
        assertThat(a)
                .isNotEqualTo(b)
                .isEqualTo(AppTemplate.loadBalancerName("orders-service-for-the-east-region", "prod"));
    }

    @Test
    void everyLengthAndEnvironment_givesAValidName() {
        for (int length = 2; length <= 32; length++) {
            String project = "ab-".repeat(11).substring(0, length).replaceAll("-$", "x");
            Set<String> names = new TreeSet<>();
            for (String env : List.of("dev", "staging", "prod")) {
                String name = AppTemplate.loadBalancerName(project, env);
                assertValid(name);
                names.add(name);
            }
            assertThat(names).as(project).hasSize(3);
        }
    }

    @Test
    void shortNames_areTheStackName_asBefore() {
        assertThat(AppTemplate.loadBalancerName("orders-api", "staging")).isEqualTo("orders-api-staging");
        assertThat(nameInTemplate("shop", "prod", "fargate")).isEqualTo("shop-prod");
    }

    @Test
    void aProjectStartingWithInternal_isNotTakenForAnInternalLoadBalancer() {
        String name = AppTemplate.loadBalancerName("internal-tools", "dev");
        assertValid(name);
        assertThat(name).startsWith("internaltools-").endsWith("-dev");
    }
}
