package dev.stackwright.deploy;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The project's pipeline making the app's first image: joins the run in progress (creating the pipeline starts one,
 * and so does a push) or starts one, then polls the run and the registry until the build's image is there. Stopping
 * the wait (Ctrl-C, the timeout) undoes nothing: the run carries on, and the next deploy joins it again.
 */
public final class PipelineFirstImage implements PipelineRun {
    private final Pipelines pipelines;
    private final ImageRegistry registry;
    private final Console console;
    private final Waiter waiter;
    private final Duration poll;
    private final String pipeline;
    private final String repository;
    private final String region;
    private final Duration timeout;

    /**
     * @param pipeline   the CodePipeline pipeline's name ({@code <name>-pipeline})
     * @param repository the ECR repository the build pushes to
     * @param timeout    how long to wait for the image at most ({@code deploy --pipeline-timeout})
     */
    public PipelineFirstImage(
            Pipelines pipelines,
            ImageRegistry registry,
            Console console,
            Waiter waiter,
            Duration poll,
            String pipeline,
            String repository,
            String region,
            Duration timeout) {
        this.pipelines = pipelines;
        this.registry = registry;
        this.console = console;
        this.waiter = waiter;
        this.poll = poll;
        this.pipeline = pipeline;
        this.repository = repository;
        this.region = region;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return pipeline;
    }

    @Override
    public Optional<String> firstImage(Instant deadline) {
        PrintWriter err = console.err();
        Instant started = waiter.now();
        Instant until = started.plus(timeout).isBefore(deadline) ? started.plus(timeout) : deadline;
        List<String> running = pipelines.inProgress(pipeline);
        String id;
        if (running.isEmpty()) {
            id = pipelines.start(pipeline);
            err.println("Started " + pipeline + " (execution " + id + ").");
        } else {
            id = running.getFirst();
            err.println(pipeline + " is running already (execution " + id + "): waiting for that run.");
        }
        err.println("  follow it at " + consoleLink(id) + " (Ctrl-C stops waiting; the run carries on and the next "
                + "deploy waits for it again)");
        err.flush();
        Optional<String> lastShown = Optional.empty();
        while (true) {
            Pipelines.Execution run = pipelines.execution(pipeline, id);
            Optional<String> now = run.stage().map(stage -> stage + ": " + run.status());
            if (now.isPresent() && !now.equals(lastShown)) {
                err.println("  " + now.get() + " (" + Progress.human(Duration.between(started, waiter.now())) + ")");
                err.flush();
                lastShown = now;
            }
            if (run.imageTag().isPresent()
                    && registry.hasImage(repository, run.imageTag().get())) {
                return run.imageTag();
            }
            if (run.ended()) {
                String why = run.failure()
                        .map(Reasons::firstSentence)
                        .map(f -> ": " + (f.endsWith(".") ? f.substring(0, f.length() - 1) : f))
                        .orElse("");
                throw new DeployException(
                        "the pipeline " + pipeline + " ended " + run.status() + " (execution " + id + ") without "
                                + "pushing the image"
                                + run.imageTag().map(t -> " " + t).orElse("") + why,
                        "see " + consoleLink(id) + "; fix what failed, push, then deploy again");
            }
            if (!waiter.now().isBefore(until)) {
                throw new DeployException(
                        "timed out after " + Progress.human(Duration.between(started, waiter.now()))
                                + " waiting for the pipeline " + pipeline + " (execution " + id + ", still "
                                + run.status() + ") to push the first image",
                        "follow it at " + consoleLink(id) + "; deploy again once it has pushed (or raise "
                                + "--pipeline-timeout): the run carries on");
            }
            waiter.sleep(poll);
        }
    }

    /** The run in the CodePipeline console. */
    String consoleLink(String executionId) {
        return "https://" + region + ".console.aws.amazon.com/codesuite/codepipeline/pipelines/" + pipeline
                + "/executions/" + executionId + "/timeline?region=" + region;
    }
}
