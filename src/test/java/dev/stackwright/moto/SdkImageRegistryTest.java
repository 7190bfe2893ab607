package dev.stackwright.moto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.deploy.Aws;
import dev.stackwright.deploy.AwsTarget;
import dev.stackwright.deploy.ImageRegistry;
import dev.stackwright.deploy.aws.SdkAws;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecr.EcrClient;

/** The SDK's ECR adapter against moto: DescribeImages by tag and digest, and the login a push uses. */
class SdkImageRegistryTest {
    private static final String REGION = "eu-central-1";

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
        if (moto != null) {
            moto.close();
        }
    }

    private static Aws aws() {
        return SdkAws.connect(new AwsTarget(null, REGION, "the test", moto.endpoint()));
    }

    @Test
    void hasImage_isFalseWithoutRepositoryOrTag_andTrueOncePushed_byTagAndByDigest() {
        try (Aws aws = aws()) {
            ImageRegistry ecr = aws.ecr();
            assertThat(ecr.hasImage("shop", "latest")).as("no repository yet").isFalse();
            try (EcrClient client = MotoImages.ecr(moto, REGION)) {
                client.createRepository(b -> b.repositoryName("shop"));
            }
            assertThat(ecr.hasImage("shop", "latest")).as("an empty repository").isFalse();
            String digest = MotoImages.push(moto, REGION, "shop", "1.4.2", 'a');
            assertThat(ecr.hasImage("shop", "1.4.2")).isTrue();
            assertThat(ecr.hasImage("shop", "latest")).as("another tag").isFalse();
            assertThat(ecr.hasImage("shop", digest)).as("by digest " + digest).isTrue();
            assertThat(ecr.hasImage("shop", "sha256:" + "f".repeat(64))).isFalse();
        }
    }

    @Test
    void login_isEcrsTokenDecoded_forDockerLogin() {
        try (Aws aws = aws()) {
            ImageRegistry.Login login = aws.ecr().login();
            assertThat(login.user()).isEqualTo("AWS");
            assertThat(login.password()).isEqualTo("123456789012-auth-token");
            assertThat(login.endpoint()).isEqualTo("https://123456789012.dkr.ecr." + REGION + ".amazonaws.com");
            assertThat(login.toString()).doesNotContain(login.password());
        }
    }
}
