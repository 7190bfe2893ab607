package dev.stackwright.moto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.Stackwright;
import dev.stackwright.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.MatchResult;
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
            assertThat(names).as("the shipped examples").hasSize(8);
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
        // The project's other environments (a pipeline promotes to them; deploy checks that their specs exist).
        try (Stream<Path> siblings = Files.list(Paths.get("examples", example))) {
            for (Path sibling : siblings.filter(p -> p.getFileName().toString().matches("stackwright\\..+\\.yml"))
                    .toList()) {
                Files.copy(sibling, dir.resolve(sibling.getFileName()));
            }
        }
        String app = field(yaml, "name") + "-" + field(yaml, "environment");
        String network = app + "-network";
        String appStack = app + "-app";

        String registry = field(yaml, "name") + "-registry";
        boolean fromRegistry = Stackwright.plan(spec).registryTemplate().isPresent();
        // The registry outlives every environment's destroy: an example of the same project may have made it.
        boolean registryThere = fromRegistry && stackExists(spec, registry);
        boolean withPipeline = Stackwright.plan(spec).pipeline().isPresent();

        Run deploy = aws("deploy", "--yes", "-f", spec.toString());
        if (registryThere) {
            // Another example of the project made the registry and pushed the image: this environment finds it and
            // goes straight on, as a second environment does with the image the first one runs.
            assertThat(deploy.err()).as(deploy.text()).contains(" is in the registry.");
        } else if (fromRegistry && withPipeline) {
            // From nothing with a pipeline: network, registry and pipeline are created, then deploy asks the pipeline
            // for its first image. moto 5.2.1's CodePipeline has no ListPipelineExecutions or StartPipelineExecution
            // (moto/codepipeline/responses.py), so the wait ends there with a sentence, never a trace; the waiting
            // itself is tested against a stand-in in PipelineFirstImageTest. A push lets the next deploy on.
            String pipelineStack = field(yaml, "name") + "-pipeline";
            assertThat(deploy.code()).as(deploy.text()).isOne();
            assertThat(deploy.err())
                    .as(deploy.text())
                    .contains(
                            network + ": CREATE_COMPLETE",
                            registry + ": CREATE_COMPLETE",
                            pipelineStack + ": CREATE_COMPLETE",
                            "the pipeline " + pipelineStack + " builds it",
                            "not CodePipeline's JSON")
                    .doesNotContain(appStack + ": CREATE_COMPLETE", "Exception");
            assertThat(deploy.err().indexOf(registry + ": CREATE_COMPLETE"))
                    .as("registry before pipeline")
                    .isLessThan(deploy.err().indexOf(pipelineStack + ": CREATE_COMPLETE"));
            Matcher missing = MISSING.matcher(deploy.err());
            assertThat(missing.find()).as(deploy.text()).isTrue();
            assertThat(missing.group(2)).isEqualTo(field(yaml, "name"));
            MotoImages.push(moto, field(yaml, "region"), missing.group(2), missing.group(3), 'b');
            deploy = aws("deploy", "--yes", "-f", spec.toString());
            assertThat(deploy.err())
                    .as(deploy.text())
                    .contains("The image " + missing.group(1) + ":" + missing.group(3) + " is in the registry.");
        } else if (fromRegistry) {
            // From nothing: network and registry are created, then deploy stops before the app, whose image is not
            // pushed yet, and says how to push it. A push (a manifest put into moto's ECR) lets the next deploy on.
            assertThat(deploy.code()).as(deploy.text()).isOne();
            assertThat(deploy.err())
                    .as(deploy.text())
                    .contains(network + ": CREATE_COMPLETE", "so " + appStack + " was not deployed")
                    .doesNotContain(appStack + ": CREATE_COMPLETE");
            assertThat(deploy.err()).as(deploy.text()).contains(registry + ": CREATE_COMPLETE");
            assertThat(deploy.err().indexOf(network + ": CREATE_COMPLETE"))
                    .as("network before registry")
                    .isLessThan(deploy.err().indexOf(registry + ": CREATE_COMPLETE"));
            Matcher push = PUSH.matcher(deploy.err());
            assertThat(push.find()).as(deploy.text()).isTrue();
            assertThat(push.group(2)).isEqualTo(field(yaml, "name"));
            MotoImages.push(moto, field(yaml, "region"), push.group(2), push.group(3), 'b');
            deploy = aws("deploy", "--yes", "-f", spec.toString());
            assertThat(deploy.err())
                    .as(deploy.text())
                    .contains("The image " + push.group(1) + ":" + push.group(3) + " is in the registry.");
        }
        assertThat(deploy.code()).as(deploy.text()).isZero();
        assertThat(deploy.err()).as(deploy.text()).contains(appStack + ": CREATE_COMPLETE");
        if (!fromRegistry) {
            assertThat(deploy.err())
                    .as(deploy.text())
                    .contains(network + ": CREATE_COMPLETE")
                    .doesNotContain(registry);
            assertThat(deploy.err().indexOf(network + ": CREATE_COMPLETE"))
                    .as("network first")
                    .isLessThan(deploy.err().indexOf(appStack + ": CREATE_COMPLETE"));
        }

        Run status = aws("status", "-f", spec.toString());
        assertThat(status.code()).as(status.text()).isZero();
        assertThat(status.out()).contains(network + "  CREATE_COMPLETE", appStack + "  CREATE_COMPLETE");
        if (fromRegistry) {
            assertThat(status.out()).as(status.text()).contains(registry + "  CREATE_COMPLETE");
        }
        if (withPipeline) {
            // status lists every stack deploy made, the project's pipeline too.
            assertThat(status.out()).as(status.text()).contains(field(yaml, "name") + "-pipeline  CREATE_COMPLETE");
        }
        Matcher vpc = VPC_ID.matcher(status.out());
        assertThat(vpc.find())
                .as("the network stack's VpcId output\n" + status.out())
                .isTrue();
        String vpcId = vpc.group(1);

        Run again = aws("deploy", "--yes", "-f", spec.toString());
        assertThat(again.code()).as(again.text()).isZero();
        assertThat(again.out()).contains(network + ": no changes", appStack + ": no changes");
        if (fromRegistry) {
            assertThat(again.out()).as(again.text()).contains(registry + ": no changes");
        }

        Run live = inspectLiveAndSaved(example, spec, vpcId, dir.resolve("snapshot"));
        if (yaml.contains("\n  ipv6: true")) {
            assertDualStack(live, yaml);
        }

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
        if (fromRegistry) {
            // The project's images stay for its other environments.
            assertThat(destroy.out()).as(destroy.text()).contains("Keeps " + registry);
            assertThat(gone.out()).as(gone.text()).contains(registry + "  CREATE_COMPLETE");
        }
    }

    /**
     * {@code vpc inspect} of the live VPC and of the same VPC written out by boto3 must say the same; then
     * {@code check} of that folder is held against {@code check} of the spec.
     */
    private Run inspectLiveAndSaved(String example, Path spec, String vpcId, Path snapshot) {
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
        return live;
    }

    /**
     * A dual-stack network deployed as its template says (moto makes the IPv6 parts only through the launcher's patch
     * 17): the VPC's /56, a /64 for every subnet at its fixed index, and one egress-only internet gateway that each
     * app-tier route table, and no other, sends {@code ::/0} to.
     */
    private static void assertDualStack(Run live, String yaml) throws IOException {
        Matcher vpcBlock = Pattern.compile("(?m)^IPv6: ([0-9a-f:]+)/56$").matcher(live.out());
        assertThat(vpcBlock.find()).as("the VPC's IPv6 block\n" + live.text()).isTrue();
        BigInteger vpc = address(vpcBlock.group(1));
        int zones = Integer.parseInt(field(yaml, "  azs"));
        List<BigInteger> subnetBlocks = new ArrayList<>();
        for (MatchResult m : Pattern.compile("(?m)^  subnet-[0-9a-f]+  ([0-9a-f:]+)/64$")
                .matcher(live.out())
                .results()
                .toList()) {
            subnetBlocks.add(address(m.group(1)));
        }
        // Public, app and data subnets at indices 0.., 16.., 32.. of the /56 (docs/cidr-layout.md).
        List<BigInteger> expected = new ArrayList<>();
        for (int tier = 0; tier < 3; tier++) {
            for (int zone = 0; zone < zones; zone++) {
                expected.add(vpc.add(BigInteger.valueOf(tier * 16L + zone).shiftLeft(64)));
            }
        }
        assertThat(subnetBlocks).as(live.text()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(live.out())
                .as(live.text())
                .containsPattern("(?m)^egress-only internet gateway eigw-[0-9a-f]+: IPv6 routes from "
                        + String.join(", ", Collections.nCopies(zones, "rtb-[0-9a-f]+")) + "$");
    }

    private static BigInteger address(String ipv6) throws IOException {
        return new BigInteger(1, InetAddress.getByName(ipv6).getAddress());
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

    /** The push command deploy prints when the image is missing: repository URI, repository name, tag. */
    private static final Pattern MISSING =
            Pattern.compile("The image (\\S+/([a-z0-9._-]+)):([A-Za-z0-9_.-]+) is not in the registry yet");

    private static final Pattern PUSH = Pattern.compile("docker push (\\S+/([a-z0-9._-]+)):([A-Za-z0-9_.-]+)`");

    private static boolean stackExists(Path spec, String stack) {
        Run status = aws("status", "-f", spec.toString());
        return status.out().lines().anyMatch(l -> l.strip().startsWith(stack + "  ") && !l.contains("not deployed"));
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
