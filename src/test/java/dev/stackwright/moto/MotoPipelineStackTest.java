package dev.stackwright.moto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline template of the dev-pipeline example, as {@code synth} writes it, deployed on the local AWS (moto)
 * through a change set after a stand-in registry stack, then deleted. moto's CloudFormation has no model for
 * CodePipeline, CodeBuild or CodeStar Notifications: the launcher makes them placeholders (patch 7), so the stack,
 * its roles, bucket, logs, key and topic deploy, and no project or pipeline exists behind them (docs/deploy.md).
 */
class MotoPipelineStackTest {
    @TempDir
    static Path work;

    private static MotoServer moto;

    @BeforeAll
    static void startMoto() {
        moto = MotoServer.start(work.resolve("moto.log"));
    }

    @AfterAll
    static void stopMoto() {
        if (moto != null) {
            moto.close();
        }
    }

    @Test
    void pipelineStack_deploysAndDeletes_withPlaceholdersForWhatMotoDoesNotModel() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(
                new String[] {"synth", "-f", "examples/dev-pipeline/stackwright.yml", "-o", work.toString()},
                new PrintWriter(out, true),
                new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();
        Path template = work.resolve("shop-pipeline.template.yaml");
        assertThat(out.toString()).contains(template.toString());

        String report = moto.python("pipeline_stack.py", "us-east-1", "shop", template.toString());
        assertThat(report)
                .contains("registry CREATE_COMPLETE", "pipeline CREATE_COMPLETE")
                .contains(
                        "resource Pipeline AWS::CodePipeline::Pipeline CREATE_COMPLETE",
                        "resource BuildProject AWS::CodeBuild::Project CREATE_COMPLETE",
                        "resource ReleaseProdProject AWS::CodeBuild::Project CREATE_COMPLETE",
                        "resource ArtifactBucket AWS::S3::Bucket CREATE_COMPLETE",
                        "resource PipelineNotifications AWS::CodeStarNotifications::NotificationRule CREATE_COMPLETE")
                .doesNotContain("FAILED")
                // The gap, stated so that a moto that learns these types fails here and the docs get updated.
                .contains("codebuild-projects 0", "pipelines 0")
                .contains("deleted DELETE_COMPLETE");
    }
}
