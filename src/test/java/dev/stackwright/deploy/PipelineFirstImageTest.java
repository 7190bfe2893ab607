package dev.stackwright.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.deploy.FakeAws.FakeWaiter;
import dev.stackwright.deploy.FakeAws.TestConsole;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Waiting for the pipeline's first image: join the run in progress or start one, follow it, stop at the image, a
 * failed run or the timeout.
 *
 * <p>CodePipeline is a stand-in here ({@link ScriptedPipelines}): the local AWS of the test suite, moto 5.2.1,
 * creates pipelines but has no StartPipelineExecution, GetPipelineExecution, ListPipelineExecutions or
 * ListActionExecutions (moto/codepipeline/responses.py), so no run can happen there. ECR is {@link FakeAws}'s image
 * list; the ECR adapter itself runs on moto in SdkImageRegistryTest.
 */
class PipelineFirstImageTest {
    private static final Instant DEADLINE = Instant.parse("2026-03-02T12:00:00Z");
    private static final String RUN = "5b1f0c3e-0d8e-4e61-9a0b-2f1f5d7c9e11";

    private final FakeAws aws = new FakeAws();
    private final TestConsole console = TestConsole.ci();
    private final FakeWaiter waiter = new FakeWaiter();
    private final ScriptedPipelines pipelines = new ScriptedPipelines();

    private PipelineFirstImage waiting(Duration timeout) {
        return new PipelineFirstImage(
                pipelines,
                aws.ecr(),
                console,
                waiter,
                Duration.ofSeconds(10),
                "shop-pipeline",
                "shop",
                "eu-west-1",
                timeout);
    }

    private static Pipelines.Execution run(String status, String stage, Optional<String> tag) {
        return new Pipelines.Execution(RUN, status, Optional.of(stage), tag, Optional.empty());
    }

    @Test
    void noRunInProgress_startsOne_andReturnsTheTagOnceTheImageIsThere() {
        pipelines.states.add(run("InProgress", "Source", Optional.empty()));
        pipelines.states.add(run("InProgress", "Build", Optional.empty()));
        pipelines.states.add(run("InProgress", "Release-dev", Optional.of("3f2c1ab")));

        // The build's tag is known; the image shows in ECR one poll later.
        pipelines.onRead = n -> {
            if (n == 4) {
                aws.images.add("shop:3f2c1ab");
            }
        };
        pipelines.states.add(run("InProgress", "Release-dev", Optional.of("3f2c1ab")));

        assertThat(waiting(Duration.ofMinutes(30)).firstImage(DEADLINE)).contains("3f2c1ab");
        assertThat(pipelines.calls).containsExactly("list shop-pipeline", "start shop-pipeline");
        assertThat(console.stderr())
                .contains("Started shop-pipeline (execution " + RUN + ").")
                .contains("https://eu-west-1.console.aws.amazon.com/codesuite/codepipeline/pipelines/shop-pipeline"
                        + "/executions/" + RUN + "/timeline?region=eu-west-1")
                .contains("Ctrl-C stops waiting; the run carries on")
                .contains("  Source: InProgress", "  Build: InProgress", "  Release-dev: InProgress");
    }

    @Test
    void aRunInProgress_isJoined_notStartedAgain() {
        // Creating the pipeline starts a run, and so does a second deploy after Ctrl-C: wait for it.
        pipelines.running = List.of(RUN, "older-run");
        aws.images.add("shop:9e8d7c6");
        pipelines.states.add(run("InProgress", "Release-dev", Optional.of("9e8d7c6")));

        assertThat(waiting(Duration.ofMinutes(30)).firstImage(DEADLINE)).contains("9e8d7c6");
        assertThat(pipelines.calls).containsExactly("list shop-pipeline");
        assertThat(console.stderr()).contains("shop-pipeline is running already (execution " + RUN + ")");
    }

    @Test
    void aFailedBuild_endsTheWait_withTheExecutionAndTheConsoleLink() {
        pipelines.states.add(run("InProgress", "Build", Optional.empty()));
        pipelines.states.add(new Pipelines.Execution(
                RUN,
                "Failed",
                Optional.of("Build"),
                Optional.empty(),
                Optional.of("Build: Build failed. Phase BUILD: COMMAND_EXECUTION_ERROR: npm test exited 1")));

        assertThatThrownBy(() -> waiting(Duration.ofMinutes(30)).firstImage(DEADLINE))
                .isInstanceOf(DeployException.class)
                .hasMessage("the pipeline shop-pipeline ended Failed (execution " + RUN + ") without pushing the image:"
                        + " Build: Build failed")
                .extracting(e -> ((DeployException) e).fix())
                .asString()
                .startsWith("see https://eu-west-1.console.aws.amazon.com/codesuite/codepipeline/pipelines/"
                        + "shop-pipeline/executions/" + RUN + "/timeline")
                .endsWith("fix what failed, push, then deploy again");
    }

    @Test
    void theTimeout_stopsWaiting_andSaysTheRunCarriesOn() {
        for (int i = 0; i < 100; i++) {
            pipelines.states.add(run("InProgress", "Build", Optional.empty()));
        }
        assertThatThrownBy(() -> waiting(Duration.ofMinutes(2)).firstImage(DEADLINE))
                .isInstanceOf(DeployException.class)
                .hasMessageStartingWith("timed out after 2m")
                .hasMessageContaining("(execution " + RUN + ", still InProgress)")
                .extracting(e -> ((DeployException) e).fix())
                .asString()
                .contains("--pipeline-timeout", "the run carries on");
        assertThat(waiter.now).isEqualTo(Instant.parse("2026-03-02T10:02:00Z"));
    }

    @Test
    void theCommandsDeadline_isKept_whenItComesFirst() {
        for (int i = 0; i < 100; i++) {
            pipelines.states.add(run("InProgress", "Build", Optional.empty()));
        }
        Instant soon = waiter.now.plusSeconds(30);
        assertThatThrownBy(() -> waiting(Duration.ofMinutes(30)).firstImage(soon))
                .isInstanceOf(DeployException.class)
                .hasMessageStartingWith("timed out after 30s");
    }

    /**
     * CodePipeline as a script: the runs in progress, then one state per read of the run. Stands in for the SDK
     * adapter because moto runs no pipeline (see the class comment).
     */
    private static final class ScriptedPipelines implements Pipelines {
        final Deque<Execution> states = new ArrayDeque<>();
        final List<String> calls = new ArrayList<>();
        List<String> running = List.of();
        java.util.function.IntConsumer onRead = n -> {};
        int reads;

        @Override
        public String start(String pipeline) {
            calls.add("start " + pipeline);
            return RUN;
        }

        @Override
        public List<String> inProgress(String pipeline) {
            calls.add("list " + pipeline);
            return running;
        }

        @Override
        public Execution execution(String pipeline, String executionId) {
            assertThat(executionId).isEqualTo(RUN);
            onRead.accept(++reads);
            return states.size() > 1 ? states.pop() : states.getFirst();
        }
    }
}
