package dev.stackwright.moto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shipped example through the real command line against a local AWS (moto, see {@link MotoServer}): deploy
 * (network, then app), status, a second deploy with nothing to change, diff and deploy after a change to the spec,
 * vpc inspect live against the same VPC read back by an independent reader (boto3) into a snapshot folder, check of
 * that folder against check of the spec, and destroy to the end. One server serves all examples; their stack names
 * differ, and so mostly do their regions.
 */
class MotoRoundTripTest {
    private static final Pattern VPC_ID = Pattern.compile("VpcId\\s+(vpc-[0-9a-f]+)");
    /**
     * service.memory, which every example sets: a change to the task definition (replaced) or the function
     * (modified). Halved on ECS hosts, where twice as much would not fit; doubled elsewhere (Fargate and Lambda
     * accept it).
     */
    private static final Pattern SERVICE_MEMORY = Pattern.compile("(?m)^(service:\\n(?:  .*\\n)*?  memory: )(\\d+)$");

    @TempDir
    static Path work;

    private static MotoServer moto;

    @BeforeAll
    static void startMoto() {
        moto = MotoServer.start(work.resolve("moto.log"));
        // Any credentials do for moto; the SDK's chain reads these first, so no real ones are ever picked up.
        System.setProperty("aws.accessKeyId", "stackwright-test");
        System.setProperty("aws.secretAccessKey", "stackwright-test");
    }

    @AfterAll
    static void stopMoto() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        if (moto != null) {
            moto.close();
        }
    }

    static Stream<String> examples() throws IOException {
        try (Stream<Path> dirs = Files.list(Paths.get("examples"))) {
            List<String> names = dirs.filter(d -> Files.exists(d.resolve("stackwright.yml")))
                    .map(d -> d.getFileName().toString())
                    .sorted()
                    .toList();
            assertThat(names).as("the shipped examples").hasSize(7);
            return names.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void example_deploys_updates_inspects_andIsDestroyed(String example) throws IOException {
        Path dir = Files.createDirectories(work.resolve(example));
        Path spec = dir.resolve("stackwright.yml");
        String yaml = withCertificate(Files.readString(Paths.get("examples", example, "stackwright.yml")));
        Files.writeString(spec, yaml);
        String app = field(yaml, "name") + "-" + field(yaml, "environment");
        String network = app + "-network";
        String appStack = app + "-app";

        Run deploy = aws("deploy", "--yes", "-f", spec.toString());
        assertThat(deploy.code()).as(deploy.text()).isZero();
        assertThat(deploy.err())
                .as(deploy.text())
                .contains(network + ": CREATE_COMPLETE", appStack + ": CREATE_COMPLETE");
        assertThat(deploy.err().indexOf(network + ": CREATE_COMPLETE"))
                .as("network first")
                .isLessThan(deploy.err().indexOf(appStack + ": CREATE_COMPLETE"));

        Run status = aws("status", "-f", spec.toString());
        assertThat(status.code()).as(status.text()).isZero();
        assertThat(status.out()).contains(network + "  CREATE_COMPLETE", appStack + "  CREATE_COMPLETE");
        Matcher vpc = VPC_ID.matcher(status.out());
        assertThat(vpc.find())
                .as("the network stack's VpcId output\n" + status.out())
                .isTrue();
        String vpcId = vpc.group(1);

        Run again = aws("deploy", "--yes", "-f", spec.toString());
        assertThat(again.code()).as(again.text()).isZero();
        assertThat(again.out()).contains(network + ": no changes", appStack + ": no changes");

        inspectLiveAndSaved(example, spec, vpcId, dir.resolve("snapshot"));

        Matcher memory = SERVICE_MEMORY.matcher(yaml);
        assertThat(memory.find()).as("service.memory in " + example).isTrue();
        int before = Integer.parseInt(memory.group(2));
        int after = yaml.contains("compute: ecs-ec2") ? before / 2 : before * 2;
        Files.writeString(spec, memory.replaceFirst("$1" + after));
        Run diff = aws("diff", "-f", spec.toString());
        assertThat(diff.code()).as(diff.text()).isZero();
        // Memory is create-only on a task definition (a new one replaces it) and a plain property of a function.
        assertThat(diff.out())
                .as(diff.text())
                .containsPattern(
                        yaml.contains("compute: lambda")
                                ? "~ modify\\s+Function\\s+AWS::Lambda::Function"
                                : "! REPLACE\\s+TaskDefinition\\s+AWS::ECS::TaskDefinition");
        Run update = aws("deploy", "--yes", "-f", spec.toString());
        assertThat(update.code()).as(update.text()).isZero();
        assertThat(update.err()).as(update.text()).contains(": UPDATE_COMPLETE");

        Run destroy = aws("destroy", "--yes", "-f", spec.toString());
        assertThat(destroy.code()).as(destroy.text()).isZero();
        assertThat(destroy.err()).contains(appStack + ": deleted.", network + ": deleted.");
        if (yaml.contains("\ndatabase:")) {
            // moto, patched, keeps the final snapshot the template asks for; destroy names it only once RDS lists it.
            assertThat(destroy.out())
                    .as(destroy.text())
                    .contains("Database (AWS::RDS::DBInstance) kept: final snapshot ");
        }
        if (yaml.contains("\nenvironment: prod")) {
            // Prod turns deletion protection on, and moto (patched, as AWS) refuses to delete while it is on.
            assertThat(destroy.out())
                    .as(destroy.text())
                    .contains("Turning off deletion protection on Database (AWS::RDS::DBInstance) ");
        }
        if (yaml.contains("\nenvironment: prod") && yaml.contains("type: alb")) {
            assertThat(destroy.out())
                    .as(destroy.text())
                    .containsPattern(
                            "Turning off deletion protection on \\w+ \\(AWS::ElasticLoadBalancingV2::LoadBalancer\\) arn:aws:elasticloadbalancing:");
        }
        Run gone = aws("status", "-f", spec.toString());
        assertThat(gone.out()).as(gone.text()).contains(network + "  not deployed", appStack + "  not deployed");
    }

    /**
     * {@code vpc inspect} of the live VPC and of the same VPC written out by boto3 must say the same; then
     * {@code check} of that folder is held against {@code check} of the spec.
     */
    private void inspectLiveAndSaved(String example, Path spec, String vpcId, Path snapshot) {
        Run live = aws("vpc", "inspect", vpcId, "-f", spec.toString());
        moto.python("dump_vpc.py", region(live), vpcId, snapshot.toString());
        Run offline = cli("vpc", "inspect", vpcId, "--snapshot", snapshot.toString(), "-f", spec.toString());
        assertThat(offline.code()).as(offline.text()).isEqualTo(live.code());
        assertThat(withoutSource(offline.out()))
                .as(example + ": vpc inspect live and from the saved folder")
                .isEqualTo(withoutSource(live.out()));

        Run fromSpec = cli("check", "-f", spec.toString());
        Run fromVpc = cli("check", "--snapshot", snapshot.toString());
        assertThat(fromSpec.code()).as(fromSpec.text()).isZero();
        // The verdicts compared are the reachability policy's, not the exit codes: lint findings differ for reasons
        // that are not reachability. A snapshot holds topology, not intent, so the bastion in a public subnet is
        // read as a misplaced instance (SW005) where the spec says it is a bastion; and the folder has no
        // describe-flow-logs, which the snapshot reader does not read, so flow logs look off (SW007).
        assertThat(policyVerdict(fromVpc.out()))
                .as(fromVpc.text())
                .isEqualTo(policyVerdict(fromSpec.out()))
                .isEqualTo("Policy (built-in): passed");
        // The deployed VPC must not let the internet reach more than the plan says. It may reach less here: moto
        // makes no network interfaces for load balancers, RDS instances, Lambda functions or ECS tasks, so the
        // resources behind those rows are absent from describe-network-interfaces (docs/deploy.md lists the gaps).
        assertThat(internetRows(fromVpc.out()))
                .as(example + ": reachable from the internet, deployed vs planned")
                .isSubsetOf(internetRows(fromSpec.out()));
    }

    /**
     * The examples name certificates of their authors' accounts; an HTTPS listener needs one that exists, so the
     * spec gets a certificate made in moto's ACM for the same domain.
     */
    private static String withCertificate(String yaml) {
        Matcher arn = Pattern.compile("(?m)^(\\s+certificateArn: )(\\S+)$").matcher(yaml);
        if (!arn.find()) {
            return yaml;
        }
        String made = moto.python("certificate.py", field(yaml, "region"), domain(yaml));
        return arn.replaceFirst("$1" + made);
    }

    private static String domain(String yaml) {
        Matcher m = Pattern.compile("(?m)^\\s+domain: (\\S+)$").matcher(yaml);
        assertThat(m.find()).as("frontDoor.domain beside certificateArn").isTrue();
        return m.group(1);
    }

    private static String policyVerdict(String report) {
        return report.lines().filter(l -> l.startsWith("Policy (")).findFirst().orElse("(no policy verdict)");
    }

    /** The rows of "Reachable from the internet" as tier, protocol and ports. */
    private static Set<String> internetRows(String report) {
        Set<String> rows = new TreeSet<>();
        boolean in = false;
        for (String line : report.split("\n", -1)) {
            if (line.startsWith("Reachable from the internet")) {
                in = true;
            } else if (in && line.isBlank()) {
                in = false;
            } else if (in
                    && !line.strip().startsWith("RESOURCE")
                    && !line.strip().equals("nothing")) {
                String[] cells = line.strip().split("\\s{2,}", -1);
                rows.add(cells[1] + " " + cells[2] + " " + cells[3]);
            }
        }
        return rows;
    }

    private static String withoutSource(String report) {
        return report.replaceFirst("(?m)  from .*$", "");
    }

    private static String region(Run inspect) {
        Matcher m = Pattern.compile("  ([a-z]{2}-[a-z]+-\\d)  from EC2").matcher(inspect.out());
        assertThat(m.find()).as(inspect.text()).isTrue();
        return m.group(1);
    }

    private static String field(String yaml, String key) {
        Matcher m = Pattern.compile("(?m)^" + key + ":\\s*(\\S+)").matcher(yaml);
        assertThat(m.find()).as(key + " in the example").isTrue();
        return m.group(1);
    }

    private static Run aws(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--endpoint-url", moto.endpoint()));
        return cli(all.toArray(String[]::new));
    }

    private static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(String.join(" ", args), code, out.toString(), err.toString());
    }

    private record Run(String command, int code, String out, String err) {
        String text() {
            return "$ stackwright " + command + "\nexit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
