package dev.stackwright.deploy;

import java.util.List;
import java.util.Optional;

/**
 * The CodePipeline calls of a first deploy: start the project's pipeline, or find the run in progress, and read how
 * far a run got. The SDK adapter ({@code deploy.aws}) implements it; tests use a stand-in, since the local AWS of the
 * test suite (moto 5.2.1) creates pipelines but runs none.
 */
public interface Pipelines {
    /** Starts a run of the pipeline (StartPipelineExecution); returns its execution ID. */
    String start(String pipeline);

    /** The IDs of the pipeline's runs in progress, newest first (ListPipelineExecutions). */
    List<String> inProgress(String pipeline);

    /** Where one run is (GetPipelineExecution, ListActionExecutions). */
    Execution execution(String pipeline, String executionId);

    /**
     * One run as CodePipeline reports it.
     *
     * @param status   InProgress, Stopping, Stopped, Succeeded, Superseded, Failed or Cancelled
     * @param stage    the stage of the latest action that ran or runs; empty before the first
     * @param imageTag the {@code IMAGE_TAG} the build action exported (build.yml's short commit), once it succeeded
     * @param failure  what the failed action, or the run, said
     */
    record Execution(
            String id, String status, Optional<String> stage, Optional<String> imageTag, Optional<String> failure) {
        /** A run that will not change any more. */
        public boolean ended() {
            return !status.equals("InProgress") && !status.equals("Stopping");
        }
    }
}
