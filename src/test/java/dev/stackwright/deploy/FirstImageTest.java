package dev.stackwright.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.Stackwright;
import dev.stackwright.deploy.FakeAws.FakeWaiter;
import dev.stackwright.deploy.FakeAws.StackScript;
import dev.stackwright.deploy.FakeAws.TestConsole;
import dev.stackwright.model.app.RegistryImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first deploy from nothing: before the app stack, the image must be in the registry, or be built and pushed
 * ({@code --build}), or come from the pipeline; otherwise deploy stops with the commands that push it.
 *
 * <p>The builds run a fake {@code docker}, a shell script that records its arguments and standard input: this machine
 * (and CI's) has no container engine that could run a real build, and a test must not depend on one. What is checked
 * is what Stackwright asks of the engine, command by command.
 */
class FirstImageTest {
    private static final String URI = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop";
    private static final RegistryImage LATEST = new RegistryImage("shop", "latest");
    private static final Instant DEADLINE = Instant.parse("2026-03-02T11:00:00Z");

    @TempDir
    Path dir;

    private final FakeAws aws = new FakeAws();
    private final TestConsole console = TestConsole.ci();

    @BeforeEach
    void registryDeployed() {
        StackScript registry = aws.cfn.existing("shop-registry", "CREATE_COMPLETE");
        registry.tags = Map.of(DeployPlan.STACK_TAG, "shop-registry");
        registry.outputs = FakeAws.outputs("RepositoryUri", URI);
    }

    private FirstImage firstImage(RegistryImage image, Optional<String> tag, FirstImage.Source source) {
        return new FirstImage(aws, console, "shop-registry", image, tag, source);
    }

    private FirstImage.Source.Build build(Optional<ContainerEngine> engine) {
        return new FirstImage.Source.Build(engine, dir, "linux/amd64");
    }

    /** A fake docker in its own folder that logs each call's arguments and fails the command {@code failing}. */
    private Optional<ContainerEngine> fakeEngine(String name, String failing) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path script = bin.resolve(name);
        Files.writeString(script, """
                #!/bin/sh
                echo "$*" >> "%s"
                if [ "$1" = login ]; then cat > "%s"; fi
                echo "%s $1 says hello"
                if [ "$1" = "%s" ]; then echo "step 2/4: RUN npm ci: exit code 1" >&2; exit 3; fi
                exit 0
                """.formatted(dir.resolve("calls.log"), dir.resolve("stdin.log"), name, failing));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return ContainerEngine.find(bin.toString());
    }

    private List<String> engineCalls() throws IOException {
        return Files.exists(dir.resolve("calls.log")) ? Files.readAllLines(dir.resolve("calls.log")) : List.of();
    }

    private static StackDeployment app() {
        Stackwright.Result r = Stackwright.plan("s.yml", "name: shop\n");
        return DeployPlan.of(r.spec(), r.networkTemplate(), r.registryTemplate(), r.pipelineTemplate(), r.appTemplate())
                .getLast();
    }

    @Test
    void imageThere_goesOn_withItsTagAsTheParameter() {
        aws.images.add("shop:latest");
        StackDeployment app = firstImage(LATEST, Optional.empty(), new FirstImage.Source.Instructions("linux/amd64"))
                .prepare(app(), DEADLINE);
        assertThat(app.parameters()).containsExactly(Map.entry("ImageTag", "latest"));
        assertThat(console.stderr()).contains("The image " + URI + ":latest is in the registry.");
        assertThat(aws.cfn.calls).containsExactly("ecr has image shop:latest");
    }

    @Test
    void appStackDeployed_keepsTheImageItRuns_whichAReleaseMayHaveMovedOn() {
        StackScript running = aws.cfn.existing("shop-dev-app", "UPDATE_COMPLETE");
        running.parameters = Map.of("ImageTag", "3f2c1ab", "NetworkStack", "shop-dev-network");
        aws.images.add("shop:3f2c1ab");
        StackDeployment app = firstImage(LATEST, Optional.empty(), new FirstImage.Source.Instructions("linux/amd64"))
                .prepare(app(), DEADLINE);
        // UsePreviousValue, not the spec's `latest`: a release between reading and deploying is kept too.
        assertThat(app.parameters()).doesNotContainKey("ImageTag");
        assertThat(app.kept()).containsExactly("ImageTag");
        assertThat(console.stderr())
                .contains("The image " + URI + ":3f2c1ab is in the registry (shop-dev-app runs it; --image-tag picks"
                        + " another).");
        assertThat(aws.cfn.calls).contains("ecr has image shop:3f2c1ab").doesNotContain("ecr has image shop:latest");
    }

    @Test
    void appStackThatFailedToCreate_runsNothing_theSpecsTagIsDeployed() {
        StackScript failed = aws.cfn.existing("shop-dev-app", "ROLLBACK_COMPLETE");
        failed.parameters = Map.of("ImageTag", "3f2c1ab");
        aws.images.add("shop:latest");
        StackDeployment app = firstImage(LATEST, Optional.empty(), new FirstImage.Source.Instructions("linux/amd64"))
                .prepare(app(), DEADLINE);
        assertThat(app.parameters()).containsEntry("ImageTag", "latest");
        assertThat(app.kept()).isEmpty();
    }

    @Test
    void imageTagGiven_winsOverTheImageTheStackRuns() {
        StackScript running = aws.cfn.existing("shop-dev-app", "UPDATE_COMPLETE");
        running.parameters = Map.of("ImageTag", "3f2c1ab");
        aws.images.add("shop:1.4.2");
        StackDeployment app = firstImage(LATEST, Optional.of("1.4.2"), new FirstImage.Source.Instructions("x"))
                .prepare(app(), DEADLINE);
        assertThat(app.parameters()).containsEntry("ImageTag", "1.4.2");
        assertThat(app.kept()).isEmpty();
    }

    @Test
    void imageTagGiven_isTheOneLookedFor_andSet() {
        aws.images.add("shop:1.4.2");
        StackDeployment app = firstImage(LATEST, Optional.of("1.4.2"), new FirstImage.Source.Instructions("x"))
                .prepare(app(), DEADLINE);
        assertThat(app.parameters()).containsEntry("ImageTag", "1.4.2");
    }

    @Test
    void imageMissing_withoutBuildOrPipeline_stopsWithTheCommandsThatPushIt() {
        FirstImage first = firstImage(LATEST, Optional.empty(), new FirstImage.Source.Instructions("linux/arm64"));
        assertThatThrownBy(() -> first.prepare(app(), DEADLINE))
                .isInstanceOf(DeployException.class)
                .hasMessage("the image " + URI + ":latest is not in the registry yet, so shop-dev-app was not deployed"
                        + " (the stacks before it were)")
                .extracting(e -> ((DeployException) e).fix())
                .isEqualTo("push it with `aws ecr get-login-password --region eu-west-1 | docker login --username AWS"
                        + " --password-stdin 123456789012.dkr.ecr.eu-west-1.amazonaws.com && docker build --platform"
                        + " linux/arm64 -t " + URI + ":latest . && docker push " + URI + ":latest`, or run"
                        + " `stackwright deploy --build` to build and push it here; then deploy again");
    }

    @Test
    void build_buildsLogsInAndPushes_withThePasswordOnStandardInputOnly() throws IOException {
        Optional<ContainerEngine> docker = fakeEngine("docker", "none");
        StackDeployment app =
                firstImage(LATEST, Optional.of("v7"), build(docker)).prepare(app(), DEADLINE);

        assertThat(engineCalls())
                .containsExactly(
                        "build --platform linux/amd64 -t " + URI + ":v7 .",
                        "login --username AWS --password-stdin https://123456789012.dkr.ecr.eu-west-1.amazonaws.com",
                        "push " + URI + ":v7");
        assertThat(dir.resolve("stdin.log")).hasContent("pa55word");
        assertThat(console.stderr())
                .contains(
                        "Running `docker build --platform linux/amd64 -t " + URI + ":v7 .` in " + dir,
                        "  docker build says hello",
                        "Pushed " + URI + ":v7.")
                .doesNotContain("pa55word");
        assertThat(app.parameters()).containsEntry("ImageTag", "v7");
        assertThat(aws.cfn.calls).containsExactly("ecr has image shop:v7", "ecr login");
    }

    @Test
    void build_withPodmanOnly_usesPodman() throws IOException {
        Optional<ContainerEngine> podman = fakeEngine("podman", "none");
        firstImage(LATEST, Optional.empty(), build(podman)).prepare(app(), DEADLINE);
        assertThat(podman.orElseThrow().name()).isEqualTo("podman");
        assertThat(engineCalls()).hasSize(3).first().asString().startsWith("build ");
    }

    @Test
    void build_thatFails_showsItsOutput_andStopsBeforeLoginAndPush() throws IOException {
        Optional<ContainerEngine> docker = fakeEngine("docker", "build");
        FirstImage first = firstImage(LATEST, Optional.empty(), build(docker));
        assertThatThrownBy(() -> first.prepare(app(), DEADLINE))
                .isInstanceOf(DeployException.class)
                .hasMessage("`docker build` failed (exit 3), so shop-dev-app was not deployed")
                .extracting(e -> ((DeployException) e).fix())
                .isEqualTo("fix what its output above says, then run `stackwright deploy --build` again");
        assertThat(console.stderr()).contains("  step 2/4: RUN npm ci: exit code 1");
        assertThat(engineCalls()).containsExactly("build --platform linux/amd64 -t " + URI + ":latest .");
        assertThat(aws.cfn.calls).doesNotContain("ecr login");
    }

    @Test
    void build_whosePushFails_saysSo() throws IOException {
        Optional<ContainerEngine> docker = fakeEngine("docker", "push");
        FirstImage first = firstImage(LATEST, Optional.empty(), build(docker));
        assertThatThrownBy(() -> first.prepare(app(), DEADLINE))
                .hasMessage("`docker push` failed (exit 3), so shop-dev-app was not deployed");
        assertThat(engineCalls()).hasSize(3);
    }

    @Test
    void build_withNeitherDockerNorPodman_saysToInstallOne_orPushByHand() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThat(ContainerEngine.find(empty.toString())).isEmpty();
        FirstImage first = firstImage(LATEST, Optional.empty(), build(ContainerEngine.find(empty.toString())));
        assertThatThrownBy(() -> first.prepare(app(), DEADLINE))
                .isInstanceOf(DeployException.class)
                .hasMessage("--build needs docker or podman, and neither is on the PATH, so shop-dev-app was not"
                        + " deployed")
                .extracting(e -> ((DeployException) e).fix())
                .asString()
                .startsWith("install Docker or Podman, or push the image yourself: `aws ecr get-login-password");
    }

    @Test
    void engine_isDockerBeforePodman_andNeverAFolderOrAPlainFile() throws IOException {
        Path a = Files.createDirectories(dir.resolve("a"));
        Path b = Files.createDirectories(dir.resolve("b"));
        Files.createDirectories(a.resolve("docker")); // a folder named docker is no engine
        Files.writeString(a.resolve("podman"), "not executable");
        Path podman = Files.writeString(b.resolve("podman"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(podman, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(ContainerEngine.find(a + ":" + b).map(ContainerEngine::name)).contains("podman");
        Path docker = Files.writeString(b.resolve("docker"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(docker, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(ContainerEngine.find(a + ":" + b).map(ContainerEngine::name)).contains("docker");
        assertThat(ContainerEngine.find(null)).isEmpty();
    }

    @Test
    void pipeline_isStarted_andTheTagItPushedIsDeployed() {
        List<Instant> waitedUntil = new java.util.ArrayList<>();
        PipelineRun run = new PipelineRun() {
            @Override
            public String name() {
                return "shop-pipeline";
            }

            @Override
            public Optional<String> firstImage(Instant deadline) {
                waitedUntil.add(deadline);
                return Optional.of("3f2c1ab");
            }
        };
        StackDeployment app = firstImage(LATEST, Optional.empty(), new FirstImage.Source.Pipeline(run))
                .prepare(app(), DEADLINE);
        assertThat(waitedUntil).containsExactly(DEADLINE);
        assertThat(app.parameters()).containsEntry("ImageTag", "3f2c1ab");
        assertThat(console.stderr())
                .contains("the pipeline shop-pipeline builds it; waiting for its image", "pushed " + URI + ":3f2c1ab.");
    }

    @Test
    void pipeline_thatPushesNothing_stopsBeforeTheApp() {
        PipelineRun failed = new PipelineRun() {
            @Override
            public String name() {
                return "shop-pipeline";
            }

            @Override
            public Optional<String> firstImage(Instant deadline) {
                return Optional.empty();
            }
        };
        FirstImage first = firstImage(LATEST, Optional.empty(), new FirstImage.Source.Pipeline(failed));
        assertThatThrownBy(() -> first.prepare(app(), DEADLINE))
                .hasMessage("the pipeline shop-pipeline ended without pushing an image, so shop-dev-app was not"
                        + " deployed");
    }

    @Test
    void digest_isLookedUpByDigest_setsNoTag_andCannotBeBuilt() throws IOException {
        String digest = "sha256:" + "a".repeat(64);
        RegistryImage pinned = new RegistryImage("shop", digest);
        aws.images.add("shop:" + digest);
        assertThat(firstImage(pinned, Optional.empty(), new FirstImage.Source.Instructions("x"))
                        .prepare(app(), DEADLINE)
                        .parameters())
                .isEmpty();
        aws.images.clear();
        FirstImage build = firstImage(pinned, Optional.empty(), build(fakeEngine("docker", "none")));
        assertThatThrownBy(() -> build.prepare(app(), DEADLINE))
                .hasMessageContaining("the image " + URI + "@" + digest + " is not in the registry yet");
        assertThat(engineCalls()).isEmpty();
    }

    @Test
    void imageTag_withADigestInTheSpec_orNotATag_isRefusedBeforeAnythingRuns() {
        RegistryImage pinned = new RegistryImage("shop", "sha256:" + "b".repeat(64));
        assertThatThrownBy(() -> FirstImage.checkTag(pinned, Optional.of("v1")))
                .hasMessageStartingWith("--image-tag v1 cannot apply: service.image pins the digest");
        assertThatThrownBy(() -> FirstImage.checkTag(LATEST, Optional.of("-v1")))
                .hasMessage("--image-tag `-v1` is not an image tag");
        assertThatThrownBy(() -> FirstImage.checkTag(LATEST, Optional.of("a".repeat(129))))
                .isInstanceOf(DeployException.class);
        FirstImage.checkTag(LATEST, Optional.of("v1.2_3-rc"));
    }

    @Test
    void registryWithoutItsOutput_isExplained() {
        aws.cfn.stack("shop-registry").outputs = Map.of();
        FirstImage first = firstImage(LATEST, Optional.empty(), new FirstImage.Source.Instructions("x"));
        assertThatThrownBy(() -> first.prepare(app(), DEADLINE))
                .hasMessage("the registry stack shop-registry has no RepositoryUri output");
    }

    /** The deployer: network and registry first, then the image check, and no app stack when the image is missing. */
    @Test
    void deploy_stopsAfterTheRegistry_whenTheImageIsMissing_andDeploysTheAppOnceItIsThere() {
        Stackwright.Result r = Stackwright.plan("s.yml", "name: shop\n");
        List<StackDeployment> stacks = DeployPlan.of(
                r.spec(), r.networkTemplate(), r.registryTemplate(), r.pipelineTemplate(), r.appTemplate());
        assertThat(stacks)
                .extracting(StackDeployment::stackName)
                .containsExactly("shop-dev-network", "shop-registry", "shop-dev-app");
        StackScript net = aws.cfn.existing("shop-dev-network", "UPDATE_COMPLETE");
        net.changeSet = Fixtures.changeSet("changeset-empty.json");
        aws.cfn.stack("shop-registry").changeSet = Fixtures.changeSet("changeset-empty.json");
        Deployer deployer = new Deployer(aws, console, new FakeWaiter(), History.inMemory(), Duration.ofSeconds(3));
        BeforeApp first = firstImage(LATEST, Optional.empty(), new FirstImage.Source.Instructions("linux/amd64"));
        Deployer.Options yes = new Deployer.Options(true, false, Duration.ofMinutes(30));

        assertThatThrownBy(() -> deployer.deploy(stacks, yes, first))
                .hasMessageContaining("is not in the registry yet, so shop-dev-app was not deployed");
        assertThat(aws.cfn.calls)
                .containsExactly(
                        "create change set shop-dev-network UPDATE",
                        "delete change set shop-dev-network",
                        "create change set shop-registry UPDATE",
                        "delete change set shop-registry",
                        "ecr has image shop:latest");

        aws.cfn.calls.clear();
        aws.images.add("shop:latest");
        aws.cfn.stack("shop-dev-app").changeSet = Fixtures.changeSet("changeset-empty.json");
        assertThat(deployer.deploy(stacks, yes, first)).isZero();
        assertThat(aws.cfn.calls).contains("ecr has image shop:latest", "create change set shop-dev-app CREATE");
        assertThat(aws.cfn.requests.getLast().parameters()).containsEntry("ImageTag", "latest");
    }
}
