package dev.stackwright.app;

import java.util.ArrayList;
import java.util.List;

/**
 * Every combination of compute x front door x database on/off x NAT mode x access, as spec text, for tests that must
 * hold across all of them. HTTPS and the optional extras alternate so each also meets every compute and front door.
 */
public final class AppCombinations {
    private AppCombinations() {}

    public record Case(
            String label, String compute, String frontDoor, boolean database, String nat, String access, String yaml) {
        @Override
        public String toString() {
            return label;
        }
    }

    public static List<Case> all() {
        List<Case> cases = new ArrayList<>();
        int n = 0;
        for (String compute : List.of("ecs-ec2", "fargate", "lambda")) {
            for (String frontDoor : List.of("alb", "api-gateway")) {
                for (boolean database : new boolean[] {true, false}) {
                    for (String nat : List.of("instance", "gateway", "gateway-per-az", "regional-gateway", "none")) {
                        for (String access : List.of("ssm", "bastion", "none")) {
                            boolean extras = n++ % 2 == 0;
                            StringBuilder y = new StringBuilder("name: combo\nregion: us-east-1\nenvironment: ")
                                    .append(extras ? "prod" : "dev")
                                    .append("\nnetwork:\n  nat: ")
                                    .append(nat)
                                    .append("\n  access: ")
                                    .append(access)
                                    .append('\n');
                            if (access.equals("bastion")) {
                                y.append("  bastionCidr: 198.51.100.0/24\n  bastionKeyName: ops\n");
                            }
                            if (nat.equals("none") && compute.equals("lambda") && (database || extras)) {
                                y.append("  endpoints: [secretsmanager]\n");
                            }
                            y.append("service:\n  compute: ").append(compute).append("\n  port: 9090\n");
                            // Images: the stack's own repository, another ECR repository, or Docker Hub (not Lambda;
                            // without NAT through an ECR pull-through cache, as an isolated app tier reaches only ECR).
                            switch (n % 3) {
                                case 1 ->
                                    y.append("  image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/shared/app:1.0\n");
                                case 2 ->
                                    y.append(
                                            compute.equals("lambda")
                                                    ? ""
                                                    : nat.equals("none")
                                                            ? "  image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/docker-hub/library/nginx:1.27\n"
                                                            : "  image: docker.io/library/nginx:1.27\n");
                                default -> {}
                            }
                            if (extras && frontDoor.equals("api-gateway")) {
                                y.append("  healthCheckPath: /health\n");
                            }
                            if (extras) {
                                y.append("  environment: {MODE: combo}\n");
                                y.append(
                                        "  secrets: {API_KEY: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:combo-AbCdEf'}\n");
                            }
                            y.append("frontDoor:\n  type: ").append(frontDoor).append('\n');
                            if (extras) {
                                y.append("  domain: combo.example.com\n");
                                y.append("  certificateArn: arn:aws:acm:us-east-1:123456789012:certificate/abc-123\n");
                                if (frontDoor.equals("alb")) {
                                    y.append("  accessLogs: true\n");
                                } else {
                                    y.append("""
                                               auth:
                                                 issuer: https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI
                                                 audience: [1example23456789]
                                             """);
                                }
                            }
                            if (database) {
                                y.append("database:\n  engine: ")
                                        .append(extras ? "postgres" : "mysql")
                                        .append('\n');
                            }
                            if (extras) {
                                y.append("alarms: {email: ops@example.com}\n");
                            }
                            cases.add(new Case(
                                    String.join(
                                            " ",
                                            compute,
                                            frontDoor,
                                            "db=" + database,
                                            "nat=" + nat,
                                            "access=" + access,
                                            extras ? "prod+extras" : "dev"),
                                    compute,
                                    frontDoor,
                                    database,
                                    nat,
                                    access,
                                    y.toString()));
                        }
                    }
                }
            }
        }
        return cases;
    }
}
