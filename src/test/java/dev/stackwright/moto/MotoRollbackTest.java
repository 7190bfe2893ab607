package dev.stackwright.moto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.Stackwright;
import dev.stackwright.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stackwright rollback} through the real command line against a local AWS (moto): a Fargate app deployed, three
 * images pushed a second apart (the third also tagged latest, which the service runs), then rollback to the previous
 * image, rollback to a tag, and the mistakes (a tag the repository lacks, a fixed image, no stack). What runs and the
 * stack's parameter are read back by boto3, not by Stackwright. moto applies the new ImageTag to the stack and its
 * task definition but leaves the service on the old one (docs/deploy.md), so the test reads the parameter.
 */
class MotoRollbackTest {
    private static final String REGION = "eu-west-2";
    private static final String SPEC = """
            name: rollme
            region: eu-west-2
            environment: dev
            network:
              nat: none
              endpoints: [ecr.api, ecr.dkr, logs]
            service:
              compute: fargate
              port: 8080
              memory: 512
            frontDoor: alb
            """;

    @TempDir
    static Path work;

    private static MotoServer moto;

    @BeforeAll
    static void startMoto() {
        moto = MotoServer.start(Path.of("target", "moto-rollback.log"));
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

    @Test
    void rollback_toThePreviousImage_thenToATag_andAnUnknownTagIsRefused() throws IOException {
        Path spec = work.resolve("stackwright.yml");
        Files.writeString(spec, SPEC);
        String name = Stackwright.plan(spec).spec().stackName();

        // From nothing, deploy makes the registry and stops before the app until its image is pushed.
        Run first = aws("deploy", "--yes", "-f", spec.toString());
        assertThat(first.code()).as(first.text()).isEqualTo(1);
        String repository = moto.python("images.py", REGION, "repository");
        // The service runs `latest` (the stack's default ImageTag), pushed as the third image.
        moto.python("images.py", REGION, "push", repository, "v1", "v2", "v3", "latest");
        Run deploy = aws("deploy", "--yes", "-f", spec.toString());
        assertThat(deploy.code()).as(deploy.text()).isZero();
        assertThat(running(name)).endsWith(repository + ":latest");

        Run previous = aws("rollback", "--yes", "-f", spec.toString());
        assertThat(previous.code()).as(previous.text()).isZero();
        assertThat(previous.err())
                .as(previous.text())
                .contains(
                        "runs " + repository + ":latest (the stack's ImageTag)",
                        "Rolling " + name + "-app back to " + repository + ":v2");
        assertThat(imageTag(name)).as(previous.text()).isEqualTo("v2");

        Run toV1 = aws("rollback", "--yes", "--to", "v1", "-f", spec.toString());
        assertThat(toV1.code()).as(toV1.text()).isZero();
        assertThat(imageTag(name)).as(toV1.text()).isEqualTo("v1");

        Run unknownTag = aws("rollback", "--yes", "--to", "v9", "-f", spec.toString());
        assertThat(unknownTag.code()).as(unknownTag.text()).isEqualTo(1);
        assertThat(unknownTag.err())
                .as(unknownTag.text())
                .contains("has no image tagged v9", "Fix: pass --to with one of its tags, newest first: ")
                .contains("v3", "v2", "v1")
                .doesNotContain("Exception", "\tat ");
        assertThat(imageTag(name)).as("a refused rollback changes nothing").isEqualTo("v1");

        Run destroy = aws("destroy", "--yes", "-f", spec.toString());
        assertThat(destroy.code()).as(destroy.text()).isZero();
    }

    @Test
    void rollback_ofAFixedImage_isRefusedAtServiceImage_beforeCallingAws() throws IOException {
        Path spec = work.resolve("fixed.yml");
        Files.writeString(
                spec,
                SPEC.replace(
                        "  port: 8080\n",
                        "  port: 8080\n  image: 123456789012.dkr.ecr.eu-west-2.amazonaws.com/other:1.0\n"));
        Run fixed = aws("rollback", "--yes", "-f", spec.toString());
        assertThat(fixed.code()).as(fixed.text()).isEqualTo(1);
        assertThat(fixed.err())
                .as(fixed.text())
                .contains(spec + ":10:10: service.image: rollback moves the app between images of its own repository")
                .contains("Fix: set service.image to the image to run");
    }

    @Test
    void rollback_withoutAStack_saysToDeployFirst() throws IOException {
        Path spec = work.resolve("absent.yml");
        Files.writeString(spec, SPEC.replace("name: rollme", "name: neverdeployed"));
        Run absent = aws("rollback", "-f", spec.toString());
        assertThat(absent.code()).as(absent.text()).isEqualTo(1);
        assertThat(absent.err())
                .as(absent.text())
                .contains("there is no app stack neverdeployed-dev-app in " + REGION, "Fix: deploy it first");
    }

    /** The app stack's ImageTag parameter, read by boto3. */
    private static String imageTag(String name) {
        return moto.python("images.py", REGION, "parameter", name + "-app", "ImageTag");
    }

    private static String running(String name) {
        return moto.python("images.py", REGION, "running", name, name);
    }

    private static Run aws(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--endpoint-url", moto.endpoint()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(String.join(" ", all), code, out.toString(), err.toString());
    }

    private record Run(String command, int code, String out, String err) {
        String text() {
            return "$ stackwright " + command + "\nexit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
