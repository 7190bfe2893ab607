package dev.stackwright.moto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy --build} from nothing, through the real command line, against moto: network, registry, then a build
 * and push, then the app stack.
 *
 * <p>The {@code docker} on the PATH here is a shell script: no container engine can run on this machine or CI's. It
 * records its arguments and standard input, and its {@code push} does what a real push leaves behind in ECR, a
 * manifest under the tag (through boto3, against the same moto), so that the app stack's image exists for real.
 */
class FirstDeployTest {
    private static final String REGION = "eu-west-2";

    @TempDir
    static Path work;

    private static MotoServer moto;

    @BeforeAll
    static void startMoto() {
        moto = MotoServer.start(work.resolve("moto.log"));
        System.setProperty("aws.accessKeyId", "stackwright-test");
        System.setProperty("aws.secretAccessKey", "stackwright-test");
    }

    @AfterAll
    static void stopMoto() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        System.clearProperty("stackwright.path");
        if (moto != null) {
            moto.close();
        }
    }

    /** A fake docker whose {@code failing} subcommand fails; its push puts a manifest into moto's ECR. */
    private static Path fakeDocker(String failing) throws IOException {
        Path bin = Files.createDirectories(work.resolve("bin-" + failing));
        Path script = bin.resolve("docker");
        // Python in double quotes only: the script passes it to python3 -c in single quotes.
        String push = "import boto3, sys\n"
                + "repo, tag = sys.argv[1].split(\"/\", 1)[1].rsplit(\":\", 1)\n"
                + "boto3.client(\"ecr\", region_name=\"" + REGION + "\", endpoint_url=\"" + moto.endpoint() + "\","
                + " aws_access_key_id=\"stackwright-test\", aws_secret_access_key=\"stackwright-test\")"
                + ".put_image(repositoryName=repo, imageTag=tag, imageManifest=sys.argv[2])\n";
        String manifest = MotoImages.MANIFEST.formatted("c".repeat(64), "0".repeat(63) + "c");
        Files.writeString(
                script, """
                #!/bin/sh
                echo "$*" >> "%s"
                if [ "$1" = login ]; then cat > "%s"; fi
                if [ "$1" = "%s" ]; then echo "error: failed to solve: process \\"/bin/sh -c make\\" did not complete"; exit 1; fi
                if [ "$1" = push ]; then python3 -c '%s' "$2" '%s' || exit 1; fi
                echo "$1: done"
                """.formatted(work.resolve("calls.log"), work.resolve("stdin.log"), failing, push, manifest));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    private static Run deploy(Path spec, String... more) {
        List<String> args = new java.util.ArrayList<>(
                List.of("deploy", "--yes", "-f", spec.toString(), "--endpoint-url", moto.endpoint()));
        args.addAll(List.of(more));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    private record Run(int code, String out, String err) {
        String text() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    @Test
    void build_fromNothing_thenABuildThatFails_thenNoEngine() throws IOException {
        Path dir = Files.createDirectories(work.resolve("project"));
        Path spec = dir.resolve("stackwright.yml");
        Files.writeString(spec, "name: first\nregion: " + REGION + "\nservice: {compute: fargate, port: 8080}\n");
        String uri = "123456789012.dkr.ecr." + REGION + ".amazonaws.com/first";

        System.setProperty("stackwright.path", fakeDocker("none").toString());
        Run first = deploy(spec, "--build");
        assertThat(first.code()).as(first.text()).isZero();
        assertThat(first.err())
                .as(first.text())
                .contains(
                        "first-dev-network: CREATE_COMPLETE",
                        "first-registry: CREATE_COMPLETE",
                        "Running `docker build --platform linux/amd64 -t " + uri + ":latest .` in " + dir,
                        "  build: done",
                        "Pushed " + uri + ":latest.",
                        "first-dev-app: CREATE_COMPLETE");
        assertThat(first.err().indexOf("first-registry: CREATE_COMPLETE"))
                .isLessThan(first.err().indexOf("Running `docker build"));
        assertThat(first.err().indexOf("Pushed ")).isLessThan(first.err().indexOf("first-dev-app: CREATE_COMPLETE"));
        assertThat(Files.readAllLines(work.resolve("calls.log")))
                .containsExactly(
                        "build --platform linux/amd64 -t " + uri + ":latest .",
                        "login --username AWS --password-stdin https://123456789012.dkr.ecr." + REGION
                                + ".amazonaws.com",
                        "push " + uri + ":latest");
        assertThat(work.resolve("stdin.log")).hasContent("123456789012-auth-token");

        // The image is there now: --build builds nothing.
        Files.delete(work.resolve("calls.log"));
        Run again = deploy(spec, "--build");
        assertThat(again.code()).as(again.text()).isZero();
        assertThat(again.err())
                .contains("The image " + uri + ":latest is in the registry (first-dev-app runs it; --image-tag picks"
                        + " another).");
        assertThat(work.resolve("calls.log")).doesNotExist();

        // A new tag whose build fails: its output is shown, exit 1, and the app stack is not touched.
        System.setProperty("stackwright.path", fakeDocker("build").toString());
        Run failed = deploy(spec, "--build", "--image-tag", "v2");
        assertThat(failed.code()).as(failed.text()).isOne();
        assertThat(failed.err())
                .as(failed.text())
                .contains(
                        "  error: failed to solve: process \"/bin/sh -c make\" did not complete",
                        "stackwright: `docker build` failed (exit 1), so first-dev-app was not deployed.",
                        "Fix: fix what its output above says")
                .doesNotContain("Updating first-dev-app", "docker login");

        // Neither docker nor podman: exit 1 with the commands to push by hand.
        System.setProperty(
                "stackwright.path",
                Files.createDirectories(work.resolve("empty")).toString());
        Run none = deploy(spec, "--build", "--image-tag", "v3");
        assertThat(none.code()).as(none.text()).isOne();
        assertThat(none.err())
                .contains("--build needs docker or podman, and neither is on the PATH", "docker push " + uri + ":v3")
                .doesNotContain("internal error");
    }
    /**
     * With a {@code pipeline:} section the pipeline stack deploys after the registry and before the app. moto has no
     * pipeline runs (docs/deploy.md), so the image comes from {@code --build} here; without it, deploy asks CodePipeline
     * for the runs, which moto cannot answer, and stops before the app with that said in one line.
     */
    @Test
    void pipeline_isDeployedBetweenRegistryAndApp() throws IOException {
        Path dir = Files.createDirectories(work.resolve("piped"));
        Path spec = dir.resolve("stackwright.yml");
        Files.writeString(
                spec,
                "name: piped\nregion: " + REGION + "\nservice: {compute: fargate, port: 8080}\n"
                        + "pipeline: {source: {provider: codecommit, repository: piped}}\n");

        Run noImage = deploy(spec);
        assertThat(noImage.code()).as(noImage.text()).isOne();
        assertThat(noImage.err())
                .as(noImage.text())
                .contains("piped-registry: CREATE_COMPLETE", "piped-pipeline: CREATE_COMPLETE")
                .contains("the pipeline piped-pipeline builds it; waiting for its image")
                .contains("listing the runs of the pipeline piped-pipeline")
                .doesNotContain("piped-dev-app: CREATE", "Exception", "\tat ");

        System.setProperty("stackwright.path", fakeDocker("none").toString());
        Run built = deploy(spec, "--build");
        assertThat(built.code()).as(built.text()).isZero();
        assertThat(built.out()).contains("piped-dev-network: no changes", "piped-pipeline: no changes");
        assertThat(built.err()).contains("Pushed ", "piped-dev-app: CREATE_COMPLETE");
    }

    /**
     * An environment the pipeline promotes to starts, on its first deploy, from the image the environment before it
     * runs, as the pipeline's release would; before that environment runs anything, deploy stops and says so.
     */
    @Test
    void promotedEnvironment_startsFromTheImageThePreviousOneRuns() throws IOException {
        Path dir = Files.createDirectories(work.resolve("promoted"));
        Path dev = dir.resolve("stackwright.yml");
        Files.writeString(
                dev,
                "name: promo\nregion: " + REGION + "\nservice: {compute: fargate, port: 8080}\n"
                        + "pipeline: {source: {provider: codecommit, repository: promo}, environments: [dev, staging]}\n");
        Path staging = dir.resolve("stackwright.staging.yml");
        Files.writeString(
                staging,
                "name: promo\nregion: " + REGION + "\nenvironment: staging\nservice: {compute: fargate, port: 8080}\n");

        Run tooEarly = deploy(staging);
        assertThat(tooEarly.code()).as(tooEarly.text()).isOne();
        assertThat(tooEarly.err())
                .as(tooEarly.text())
                .contains("the pipeline promotes to it from promo-dev-app", "deploy that environment first")
                .doesNotContain("promo-staging-app: CREATE", "Exception");

        MotoImages.push(moto, REGION, "promo", "v7", 'd');
        Run first = deploy(dev, "--image-tag", "v7");
        assertThat(first.code()).as(first.text()).isZero();
        assertThat(first.err()).as(first.text()).contains("promo-dev-app: CREATE_COMPLETE");

        Run promoted = deploy(staging);
        assertThat(promoted.code()).as(promoted.text()).isZero();
        assertThat(promoted.err())
                .as(promoted.text())
                .contains(
                        "starts from 123456789012.dkr.ecr." + REGION
                                + ".amazonaws.com/promo:v7, the image promo-dev-app" + " runs",
                        "promo-staging-app: CREATE_COMPLETE");
        try (var cfn = software.amazon.awssdk.services.cloudformation.CloudFormationClient.builder()
                .region(software.amazon.awssdk.regions.Region.of(REGION))
                .endpointOverride(java.net.URI.create(moto.endpoint()))
                .build()) {
            var parameters = cfn.describeStacks(b -> b.stackName("promo-staging-app"))
                    .stacks()
                    .get(0)
                    .parameters();
            assertThat(parameters)
                    .anySatisfy(p -> assertThat(p.parameterKey() + "=" + p.parameterValue())
                            .isEqualTo("ImageTag=v7"));
        }
    }
}
