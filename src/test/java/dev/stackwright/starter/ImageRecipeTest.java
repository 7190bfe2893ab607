package dev.stackwright.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Dockerfile emulation that {@link StarterProjectsTest} builds the starters' images with: Docker's rules it
 * follows (quoted from https://docs.docker.com/reference/dockerfile/), and what it refuses or leaves out.
 */
class ImageRecipeTest {
    @TempDir
    Path dir;

    private Path context() throws IOException {
        Path c = Files.createDirectories(dir.resolve("context"));
        Files.writeString(c.resolve("package.json"), "{}");
        Files.writeString(c.resolve("package-lock.json"), "{}");
        Files.createDirectories(c.resolve("src/target"));
        Files.writeString(c.resolve("src/server.js"), "// server");
        Files.writeString(c.resolve("src/target/built.txt"), "left out");
        Files.writeString(c.resolve("README.md"), "# readme");
        // "the root of the context is considered to be both the working and the root directory. For example, the
        // patterns /foo/bar and foo/bar both exclude a file or directory named bar in the foo subdirectory"
        // (https://docs.docker.com/build/concepts/context/#dockerignore-files): `target/` alone would leave src/target
        // in.
        Files.writeString(c.resolve(".dockerignore"), "# comment\ntarget/\n/src/target/\nREADME.md\n");
        return c;
    }

    private ImageRecipe.Image build(String dockerfile) throws Exception {
        return ImageRecipe.parse(dockerfile).build(context(), dir.resolve("image"), Map.of(), dir.resolve("log"));
    }

    @Test
    void continuedLines_andCommentsInsideThem_makeOneInstruction() {
        ImageRecipe r = ImageRecipe.parse("""
                # a comment
                from node:20 as deps
                HEALTHCHECK --interval=15s --timeout=3s \\
                  # a comment inside the instruction
                  CMD ["node", "-e", "1"]
                """);
        assertThat(r.instructions())
                .extracting(ImageRecipe.Instruction::line, ImageRecipe.Instruction::keyword)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2, "FROM"),
                        org.assertj.core.groups.Tuple.tuple(3, "HEALTHCHECK"));
        ImageRecipe.Instruction check = r.instructions().get(1);
        assertThat(check.flags()).containsExactly(Map.entry("interval", "15s"), Map.entry("timeout", "3s"));
        assertThat(check.arguments()).isEqualTo("CMD [\"node\", \"-e\", \"1\"]");
    }

    @Test
    void copy_takesAFoldersContents_leavesOutWhatDockerignoreNames_andResolvesAgainstWorkdir() throws Exception {
        // "If <src> is a directory, the entire contents of the directory are copied"; "If there are multiple <src>
        // resources ... then <dest> must be a directory, and it must end with a slash".
        ImageRecipe.Image image = build("""
                FROM node:20-alpine
                WORKDIR /app
                COPY package.json package-lock.json ./
                COPY src ./src
                ENV NODE_ENV=production PORT=8080 QUOTED="a b"
                EXPOSE 8080/tcp
                CMD ["node", "src/server.js"]
                """);
        Path app = image.root().resolve("app");
        assertThat(image.workdir()).isEqualTo(app);
        assertThat(app.resolve("package.json")).exists();
        assertThat(app.resolve("package-lock.json")).exists();
        assertThat(app.resolve("src/server.js")).hasContent("// server");
        assertThat(app.resolve("src/target"))
                .as("/src/target/ is in .dockerignore")
                .doesNotExist();
        assertThat(image.env()).containsEntry("NODE_ENV", "production").containsEntry("QUOTED", "a b");
        assertThat(image.exposed()).containsExactly(8080);
        assertThat(image.command()).containsExactly("node", "src/server.js");
    }

    @Test
    void aFileThatDockerignoreLeavesOut_cannotBeCopied() {
        // "the CLI ... excludes files and directories that match patterns in it"; COPY of such a file fails.
        assertThatThrownBy(() -> build("FROM node:20\nWORKDIR /app\nCOPY README.md .\n"))
                .isInstanceOf(ImageRecipe.BuildFailed.class)
                .hasMessage("Dockerfile line 3: COPY README.md .: README.md is left out of the build context by"
                        + " .dockerignore");
    }

    @Test
    void aMissingSource_failsTheBuild_withItsLine() {
        assertThatThrownBy(() -> build("FROM node:20\nCOPY nothing.txt /x\n"))
                .isInstanceOf(ImageRecipe.BuildFailed.class)
                .hasMessageContaining("line 2")
                .hasMessageEndingWith("the build context has no nothing.txt");
    }

    @Test
    void copyFromAStage_takesItsFiles_whileAnImage_aDownload_andSystemCommands_areListedAsNotCarriedOut()
            throws Exception {
        ImageRecipe r = ImageRecipe.parse("""
                FROM node:20 AS deps
                WORKDIR /app
                COPY package.json ./
                FROM node:20
                ADD --chmod=644 https://example.com/bundle.pem /etc/ssl/bundle.pem
                COPY --from=public.ecr.aws/awsguru/aws-lambda-adapter:0.8.4 /lambda-adapter /opt/extensions/x
                COPY --from=deps /app/package.json /srv/package.json
                RUN addgroup -S app
                USER app
                ENTRYPOINT ["node"]
                CMD ["server.js"]
                """);
        ImageRecipe.Image image = r.build(context(), dir.resolve("image"), Map.of(), dir.resolve("log"));
        assertThat(image.root().resolve("srv/package.json")).hasContent("{}");
        assertThat(image.command()).containsExactly("node", "server.js");
        assertThat(r.notCarriedOut())
                .extracting(s -> s.instruction().keyword() + ": " + s.why())
                .containsExactly(
                        "FROM: the base image's own files and environment: no registry here",
                        "FROM: the base image's own files and environment: no registry here",
                        "ADD: a download: no network in tests",
                        "COPY: files of the image public.ecr.aws/awsguru/aws-lambda-adapter:0.8.4: no registry here",
                        "RUN: a system command of the base image",
                        "USER: runs as this machine's user");
    }

    @Test
    void entrypoint_dropsAnEarlierCmd_asDockerDoes() throws Exception {
        // "If CMD is defined from the base image, setting ENTRYPOINT will reset CMD to an empty value."
        ImageRecipe.Image image = build("FROM x\nCMD [\"a\"]\nENTRYPOINT [\"java\", \"-jar\", \"app.jar\"]\n");
        assertThat(image.command()).containsExactly("java", "-jar", "app.jar");
    }

    @Test
    void theShellFormOfCmd_anUnknownInstruction_andAnInstructionBeforeFrom_areRefused() {
        assertThatThrownBy(() -> build("FROM x\nCMD node server.js\n"))
                .isInstanceOf(ImageRecipe.BuildFailed.class)
                .hasMessageContaining("the shell form");
        assertThatThrownBy(() -> build("FROM x\nONBUILD RUN true\n"))
                .isInstanceOf(ImageRecipe.BuildFailed.class)
                .hasMessageContaining("an instruction this emulation does not know");
        assertThatThrownBy(() -> build("WORKDIR /app\nFROM x\n"))
                .isInstanceOf(ImageRecipe.BuildFailed.class)
                .hasMessageContaining("comes before the first FROM");
    }

    @Test
    void aBuildToolsCommand_runsInTheWorkdir_andItsFailure_failsTheBuild() throws Exception {
        ImageRecipe ok = ImageRecipe.parse("FROM node:20\nWORKDIR /app\nRUN npm --version\n");
        ok.build(context(), dir.resolve("ok"), Map.of(), dir.resolve("ok.log"));
        assertThat(Files.readString(dir.resolve("ok.log"))).containsPattern("\\d+\\.\\d+\\.\\d+");
        assertThat(ok.notCarriedOut()).hasSize(1);

        ImageRecipe failing = ImageRecipe.parse("FROM node:20\nWORKDIR /app\nRUN npm no-such-command-here\n");
        assertThatThrownBy(() -> failing.build(context(), dir.resolve("bad"), Map.of(), dir.resolve("bad.log")))
                .isInstanceOf(ImageRecipe.BuildFailed.class)
                .hasMessageContaining("line 3: RUN npm no-such-command-here: exited 1");
        assertThat(dir.resolve("bad.log")).content().contains("no-such-command-here");
    }
}
