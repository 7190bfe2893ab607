package dev.stackwright.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which image an app stack runs: its ImageTag, once the stack exists; nothing for one that never got created. */
class AppImageTest {
    private static Optional<Stack> stack(String status, Map<String, String> parameters) {
        return Optional.of(new Stack(
                "shop-dev-app",
                "arn:aws:cloudformation:eu-west-1:123456789012:stack/shop-dev-app/1",
                status,
                null,
                Instant.parse("2026-03-02T10:00:00Z"),
                Map.of(),
                Map.of(),
                null,
                null,
                parameters));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "CREATE_COMPLETE",
                "UPDATE_COMPLETE",
                "UPDATE_ROLLBACK_COMPLETE",
                "UPDATE_IN_PROGRESS",
                "UPDATE_ROLLBACK_FAILED"
            })
    void aStackThatWasCreated_runsItsImageTag(String status) {
        assertThat(AppImage.running(stack(status, Map.of("ImageTag", "3f2c1ab", "NetworkStack", "n"))))
                .contains("3f2c1ab");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "REVIEW_IN_PROGRESS",
                "CREATE_IN_PROGRESS",
                "CREATE_FAILED",
                "ROLLBACK_IN_PROGRESS",
                "ROLLBACK_COMPLETE",
                "ROLLBACK_FAILED"
            })
    void aStackThatNeverGotCreated_runsNothing(String status) {
        assertThat(AppImage.running(stack(status, Map.of("ImageTag", "3f2c1ab"))))
                .isEmpty();
    }

    @Test
    void noStack_orAnImagePinnedByDigest_runsNoTag() {
        assertThat(AppImage.running(Optional.empty())).isEmpty();
        assertThat(AppImage.running(stack("UPDATE_COMPLETE", Map.of("NetworkStack", "n"))))
                .isEmpty();
    }

    /** What diff shows for deploy without --image-tag: a deployed app keeps its image; an image from elsewhere has none. */
    @Test
    void keepRunning_keepsImageTag_whenTheTemplateHasIt() {
        dev.stackwright.Stackwright.Result registry = dev.stackwright.Stackwright.plan("s.yml", "name: shop\n");
        StackDeployment app = DeployPlan.of(
                        registry.spec(),
                        registry.networkTemplate(),
                        registry.registryTemplate(),
                        registry.pipelineTemplate(),
                        registry.appTemplate())
                .getLast();
        assertThat(AppImage.keepRunning(app).kept()).containsExactly("ImageTag");

        dev.stackwright.Stackwright.Result elsewhere =
                dev.stackwright.Stackwright.plan("s.yml", "name: shop\nservice: {image: 'nginx:1.27'}\n");
        StackDeployment fixed = DeployPlan.of(
                        elsewhere.spec(),
                        elsewhere.networkTemplate(),
                        elsewhere.registryTemplate(),
                        elsewhere.pipelineTemplate(),
                        elsewhere.appTemplate())
                .getLast();
        assertThat(AppImage.keepRunning(fixed).kept()).isEmpty();
    }
}
