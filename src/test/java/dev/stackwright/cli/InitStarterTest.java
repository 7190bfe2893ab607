package dev.stackwright.cli;

import static dev.stackwright.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.cli.CliTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stackwright init --starter}: what it writes, and what it refuses. */
class InitStarterTest {
    @TempDir
    Path dir;

    private Run init(Path folder, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of(
                "init",
                "--starter",
                "java",
                "-f",
                folder.resolve("stackwright.yml").toString()));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    private static List<String> files(Path folder) throws IOException {
        try (Stream<Path> all = Files.walk(folder)) {
            return all.filter(Files::isRegularFile)
                    .map(p -> folder.relativize(p).toString())
                    .sorted()
                    .toList();
        }
    }

    @Test
    void intoAnEmptyFolder_writesTheProject_withDotNames_theChosenDatabase_andNoPlaceholderLeft() throws IOException {
        Path shop = dir.resolve("shop");
        Run r = init(shop, "--database", "none");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("wrote the java starter (database: none) into " + shop);
        List<String> files = files(shop);
        assertThat(files)
                .contains(".dockerignore", ".gitignore", ".mvn/maven.config", "Dockerfile", "build.yml", "release.yml")
                .contains("stackwright.yml", "src/main/java/app/MemoryItemStore.java", "src/main/java/app/Stores.java")
                .doesNotContain("src/main/java/app/JdbcItemStore.java", "files.txt", "starter.properties")
                .noneMatch(f -> f.contains("dot-") || f.endsWith(".nodb") || f.endsWith(".withdb"));
        for (String f : files) {
            assertThat(Files.readString(shop.resolve(f))).as(f).doesNotContain("{{name}}", "{{database}}");
        }
        assertThat(Files.readString(shop.resolve("pom.xml"))).contains("<artifactId>shop</artifactId>");
        assertThat(Files.readString(shop.resolve(".mvn/maven.config"))).isEqualTo("-Ddatabase=none\n");
        assertThat(run("validate", "-f", shop.resolve("stackwright.yml").toString())
                        .code())
                .isZero();
    }

    @Test
    void postgres_isTheDefault_andGetsTheJdbcStore() throws IOException {
        Path shop = dir.resolve("orders");
        assertThat(init(shop).code()).isZero();
        assertThat(files(shop))
                .contains("src/main/java/app/JdbcItemStore.java", "src/test/java/app/MigrationTest.java")
                .doesNotContain("src/main/java/app/MemoryItemStore.java");
        assertThat(Files.readString(shop.resolve("stackwright.yml")))
                .contains("name: orders", "engine: postgres", "healthCheckPath: /health");
    }

    @Test
    void aFolderThatIsNotEmpty_isRefused_inOneLine_andLeftAlone() throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "mine\n");
        Run r = init(dir);
        assertThat(r.code()).isEqualTo(Main.INPUT_PROBLEM);
        assertThat(r.err().lines().findFirst().orElseThrow())
                .startsWith(dir + ":1:1: the folder is not empty (it has notes.txt)")
                .contains("Fix: run it in an empty folder", "--force");
        assertThat(r.err()).doesNotContain("Exception");
        assertThat(files(dir)).containsExactly("notes.txt");
    }

    @Test
    void aFolderWithOnlyGit_countsAsEmpty() throws IOException {
        Files.createDirectories(dir.resolve(".git"));
        assertThat(init(dir).code()).isZero();
    }

    @Test
    void force_replacesTheStartersFiles_sayingWhich_andKeepsTheOthers() throws IOException {
        Files.writeString(dir.resolve("README.md"), "my readme\n");
        Files.writeString(dir.resolve("notes.txt"), "mine\n");
        Run r = init(dir, "--force", "--name", "shop");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("replaced README.md (--force)").doesNotContain("notes.txt");
        assertThat(Files.readString(dir.resolve("README.md"))).startsWith("# shop");
        assertThat(Files.readString(dir.resolve("notes.txt"))).isEqualTo("mine\n");
    }

    @Test
    void force_doesNotWriteOverAFolder() throws IOException {
        Files.createDirectories(dir.resolve("Dockerfile"));
        Run r = init(dir, "--force");
        assertThat(r.code()).isEqualTo(Main.INPUT_PROBLEM);
        assertThat(r.err()).contains("Dockerfile:1:1: is a folder, where the starter writes a file");
        assertThat(files(dir)).isEmpty();
    }

    @Test
    void unknownLanguage_andDatabase_getADidYouMean() {
        Path spec = dir.resolve("stackwright.yml");
        Run language = run("init", "--starter", "jav", "-f", spec.toString());
        assertThat(language.code()).isEqualTo(Main.INPUT_PROBLEM);
        assertThat(language.err())
                .contains(spec + ":1:1: --starter: there is no starter for jav. Fix: did you mean --starter java?");
        Run rust = run("init", "--starter", "rust", "-f", spec.toString());
        assertThat(rust.err()).contains("Fix: use --starter java or --starter node");

        Run database = run("init", "--starter", "java", "--database", "postgress", "-f", spec.toString());
        assertThat(database.code()).isEqualTo(Main.INPUT_PROBLEM);
        assertThat(database.err())
                .contains("--database: there is no database choice postgress", "--database postgres?");
        Run mariadb = run("init", "--starter", "node", "--database", "mariadb", "-f", spec.toString());
        assertThat(mariadb.err()).contains("did you mean --database mysql?");
        assertThat(Files.exists(spec)).isFalse();
    }

    @Test
    void databaseWithoutStarter_isRefused() {
        Run r = run(
                "init",
                "--database",
                "mysql",
                "-f",
                dir.resolve("stackwright.yml").toString());
        assertThat(r.code()).isEqualTo(Main.INPUT_PROBLEM);
        assertThat(r.err()).contains("there is no --starter", "add --starter java or --starter node");
    }

    @Test
    void aSpecPathThatIsAFolder_isRefused() {
        Run r = run("init", "--starter", "java", "-f", dir.toString());
        assertThat(r.code()).isEqualTo(Main.INPUT_PROBLEM);
        assertThat(r.err()).contains("is a folder, not a file");
    }
}
