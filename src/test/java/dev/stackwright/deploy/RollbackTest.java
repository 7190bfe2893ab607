package dev.stackwright.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.deploy.DeployedImages.PushedImage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which image rollback goes back to, from what runs and the repository's push history (newest first). */
class RollbackTest {
    private static final List<PushedImage> IMAGES = List.of(
            image("sha256:ccc", 30, "v3", "latest"),
            image("sha256:000", 25),
            image("sha256:bbb", 20, "v2"),
            image("sha256:aaa", 10, "v1"));

    private static PushedImage image(String digest, long second, String... tags) {
        return new PushedImage(digest, List.of(tags), Instant.ofEpochSecond(second));
    }

    @Test
    void previous_isTheNewestTaggedImagePushedBeforeTheRunningOne_skippingUntaggedOnes() {
        assertThat(Rollback.choose("shop", "latest", IMAGES, Optional.empty()))
                .isEqualTo(new Rollback.Choice("latest", "v2", "sha256:bbb"));
        assertThat(Rollback.choose("shop", "sha256:bbb", IMAGES, Optional.empty())
                        .tag())
                .isEqualTo("v1");
    }

    @Test
    void to_picksTheTag_wherever_itIs() {
        assertThat(Rollback.choose("shop", "v1", IMAGES, Optional.of("v3")).digest())
                .isEqualTo("sha256:ccc");
    }

    @Test
    void nothingOlder_unknownRunningImage_unknownTag_emptyRepository_areDeployExceptionsWithFixes() {
        assertThatThrownBy(() -> Rollback.choose("shop", "v1", IMAGES, Optional.empty()))
                .isInstanceOf(DeployException.class)
                .hasMessage("no tagged image was pushed to shop before the one that runs (v1)");
        assertThatThrownBy(() -> Rollback.choose("shop", "v7", IMAGES, Optional.empty()))
                .isInstanceOf(DeployException.class)
                .hasMessageContaining("the image shop:v7 that runs is not in the repository")
                .satisfies(e -> assertThat(((DeployException) e).fix()).endsWith("v3, latest, v2, v1"));
        assertThatThrownBy(() -> Rollback.choose("shop", "v1", IMAGES, Optional.of("v9")))
                .hasMessage("the repository shop has no image tagged v9");
        assertThatThrownBy(() -> Rollback.choose("shop", "v1", List.of(), Optional.empty()))
                .hasMessage("the repository shop holds no image");
    }

    @Test
    void references_andRepositories_areReadFromImageUris() {
        String host = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/";
        assertThat(Rollback.reference(host + "shop:v2")).isEqualTo("v2");
        assertThat(Rollback.reference(host + "shop@sha256:abc")).isEqualTo("sha256:abc");
        assertThat(Rollback.reference(host + "shop")).isEqualTo("latest");
        assertThat(Rollback.repositoryOf(host + "team/shop:v2")).isEqualTo("team/shop");
        assertThat(Rollback.repositoryOf(host + "shop@sha256:abc")).isEqualTo("shop");
        assertThat(Rollback.repositoryOf(host + "shop")).isEqualTo("shop");
    }
}
