package dev.stackwright.plan;

import java.util.ArrayList;
import java.util.List;

/** Every combination of the network options, as spec text, for tests that must hold across all of them. */
public final class NetworkCombinations {
    private NetworkCombinations() {}

    public record Case(String label, String yaml) {
        @Override
        public String toString() {
            return label;
        }
    }

    public static List<Case> all() {
        List<Case> cases = new ArrayList<>();
        for (String nat : List.of("instance", "gateway", "gateway-per-az", "regional-gateway", "none")) {
            for (String access : List.of("ssm", "bastion", "none")) {
                for (int azs : new int[] {2, 3}) {
                    for (boolean database : new boolean[] {true, false}) {
                        for (boolean extras : new boolean[] {true, false}) {
                            StringBuilder y = new StringBuilder("name: combo\nenvironment: ")
                                    .append(extras ? "prod" : "dev")
                                    .append("\nnetwork:\n  nat: ")
                                    .append(nat)
                                    .append("\n  azs: ")
                                    .append(azs)
                                    .append("\n  access: ")
                                    .append(access)
                                    .append("\n  flowLogs: ")
                                    .append(extras)
                                    .append('\n');
                            if (access.equals("bastion")) {
                                y.append("  bastionCidr: 198.51.100.0/24\n");
                            }
                            if (extras) {
                                y.append("  endpoints: [s3, ecr.api, ecr.dkr, logs]\n");
                                if (nat.equals("instance")) {
                                    y.append("  natInstance: {type: t3.nano, perAz: false}\n");
                                }
                            }
                            // The network tests were written around the ALB layout; AppCombinations covers the rest.
                            // Prod stacks serve HTTPS (a certificate); dev ones plain HTTP on 80 only.
                            y.append("service:\n  port: 9090\nfrontDoor: ")
                                    .append(
                                            extras
                                                    ? "{type: alb, domain: combo.example.com, certificateArn: "
                                                            + "'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789'}\n"
                                                    : "alb\n");
                            if (database) {
                                y.append("database:\n  engine: ")
                                        .append(azs == 2 ? "mysql" : "postgres")
                                        .append('\n');
                            }
                            cases.add(new Case(
                                    String.join(
                                            " ",
                                            "nat=" + nat,
                                            "access=" + access,
                                            "azs=" + azs,
                                            "db=" + database,
                                            "extras=" + extras),
                                    y.toString()));
                        }
                    }
                }
            }
        }
        return cases;
    }
}
