package dev.stackwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's mistake in a file or folder name, a URL or a huge input is exit 1 with one located line that says what is
 * wrong and how to fix it: never the internal-error exit 70, a Java class name or a stack trace.
 */
class UserMistakesTest {
    @TempDir
    Path dir;

    private Path spec() throws IOException {
        Path file = dir.resolve("stackwright.yml");
        Files.writeString(file, "name: shop\n");
        return file;
    }

    private static void assertUsersMistake(CliTest.Run r, String... says) {
        assertThat(r.code()).as(r.err()).isEqualTo(Main.INPUT_PROBLEM);
        assertThat(r.err())
                .contains(says)
                .contains("Fix: ")
                .doesNotContain("internal error", "Exception", "java.", "\tat ", "This is a bug");
    }

    @Test
    void synth_outputIsAnExistingFile_saysGiveAFolder() throws IOException {
        Path file = Files.writeString(dir.resolve("afile"), "mine");
        CliTest.Run r = CliTest.run("synth", "-f", spec().toString(), "-o", file.toString());
        assertUsersMistake(r, file + ":1:1: -o names a file, not a folder. Fix: give -o a folder");
        assertThat(Files.readString(file)).isEqualTo("mine");
    }

    @Test
    void synth_outputCannotBeMade_saysChooseAnother() throws IOException {
        CliTest.Run r = CliTest.run("synth", "-f", spec().toString(), "-o", "/proc/stackwright-out");
        assertUsersMistake(
                r, "/proc/stackwright-out:1:1: the output folder cannot be made", "give -o a folder you can write");
    }

    @Test
    void synth_intoAFolderItCannotWrite_saysSo() throws IOException {
        CliTest.Run r = CliTest.run("synth", "-f", spec().toString(), "-o", "/proc");
        assertUsersMistake(
                r, "/proc/shop-network.template.yaml:1:1: cannot be written", "choose another directory with -o");
    }

    @Test
    void synth_aFolderWhereATemplateGoes_isRefused() throws IOException {
        Files.createDirectories(dir.resolve("out/shop-network.template.yaml"));
        CliTest.Run r = CliTest.run(
                "synth", "-f", spec().toString(), "-o", dir.resolve("out").toString());
        assertUsersMistake(r, "shop-network.template.yaml:1:1: is a folder where a template goes");
    }

    @Test
    void synth_doesNotFollowASymlinkPlantedAtThePredictableTemporaryPath() throws IOException {
        Path out = Files.createDirectories(dir.resolve("out"));
        Path victim = Files.writeString(dir.resolve("victim.txt"), "precious");
        // Where the earlier version wrote its temporary file: .<name>.<pid>.tmp beside the target.
        Path planted = out.resolve(
                ".shop-network.template.yaml." + ProcessHandle.current().pid() + ".tmp");
        Files.createSymbolicLink(planted, victim);

        CliTest.Run r = CliTest.run("synth", "-f", spec().toString(), "-o", out.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readString(victim)).isEqualTo("precious");
        assertThat(Files.isSymbolicLink(planted)).isTrue();
        Path network = out.resolve("shop-network.template.yaml");
        assertThat(Files.isSymbolicLink(network)).isFalse();
        assertThat(Files.readString(network)).contains(SynthCommand.GENERATED_MARK);
        try (var left = Files.list(out)) {
            assertThat(left.map(p -> p.getFileName().toString()).sorted().toList())
                    .as("no temporary file left behind")
                    .containsExactly(
                            planted.getFileName().toString(),
                            "shop-app.template.yaml",
                            "shop-network.template.yaml",
                            "shop-registry.template.yaml");
        }
    }

    @Test
    void synth_replacesASymlinkAtTheTarget_insteadOfWritingThroughIt() throws IOException {
        Path out = Files.createDirectories(dir.resolve("out"));
        Path victim =
                Files.writeString(dir.resolve("victim.yaml"), "# " + SynthCommand.GENERATED_MARK + "\nprecious\n");
        Files.createSymbolicLink(out.resolve("shop-network.template.yaml"), victim);

        CliTest.Run r = CliTest.run("synth", "-f", spec().toString(), "-o", out.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readString(victim)).endsWith("precious\n");
        assertThat(Files.isSymbolicLink(out.resolve("shop-network.template.yaml")))
                .isFalse();
    }

    @Test
    void init_intoAFolderThatDoesNotExist_saysMakeIt() {
        Path file = dir.resolve("nodir/stackwright.yml");
        CliTest.Run r = CliTest.run("init", "-f", file.toString());
        assertUsersMistake(r, file + ":1:1: the folder " + file.getParent() + " does not exist", "mkdir -p");
        assertThat(Files.exists(file.getParent())).isFalse();
    }

    @Test
    void init_withForce_whereTheTargetIsAFolder_saysGiveAFile() {
        for (String[] args :
                new String[][] {{"init", "--force", "-f", dir.toString()}, {"init", "-f", dir.toString()}}) {
            CliTest.Run r = CliTest.run(args);
            assertUsersMistake(r, dir + ":1:1: is a folder, not a file", "-f " + dir.resolve("stackwright.yml"));
        }
    }

    @Test
    void pricesFetch_offersThatAreNotAUrlOrFolder_areTheUsersMistake() {
        for (String[] bad : new String[][] {
            {"http://a b", "is not a URL", "%20"},
            {dir.resolve("no such folder").toString(), "there is no such folder", "give an http(s) URL"},
            {"mailto:x", "is not an http(s) URL or a folder", "give an http(s) URL"},
            {"file://host/x", "names the host host", "file:///path"},
            {"https:///x", "has no host name", "give an http(s) URL"}
        }) {
            CliTest.Run r = CliTest.run(
                    "prices",
                    "fetch",
                    "--region",
                    "us-east-1",
                    "--out",
                    dir.resolve("p.json").toString(),
                    "--offers",
                    bad[0]);
            assertUsersMistake(r, "--offers `" + bad[0] + "`", bad[1], bad[2]);
        }
        assertThat(Files.exists(dir.resolve("p.json"))).isFalse();
    }

    @Test
    void pricesFetch_offersAsAFileUrlOfAFolder_isRead() throws IOException {
        Path offers = Files.createDirectories(dir.resolve("offers root"));
        CliTest.Run r = CliTest.run(
                "prices",
                "fetch",
                "--region",
                "us-east-1",
                "--out",
                dir.resolve("p.json").toString(),
                "--offers",
                offers.toUri().toString());
        // An empty mirror gives no prices: that is said as the user's problem, not a crash.
        assertThat(r.code()).as(r.err()).isEqualTo(Main.INPUT_PROBLEM);
        assertThat(r.err()).contains("gave no prices").doesNotContain("Exception", "internal error");
    }

    @Test
    void specFromADeviceThatNeverEnds_isRefusedAtTheCap() {
        CliTest.Run r = CliTest.run("validate", "-f", "/dev/zero");
        assertUsersMistake(r, "/dev/zero:1:1: the file is larger than 64 MB, the most Stackwright reads");
    }

    @Test
    void templateOverTheCap_isRefused_withoutReadingItAll() throws IOException {
        Path big = dir.resolve("big.template.json");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(257L * 1024 * 1024); // sparse: takes no disk
        }
        CliTest.Run r = CliTest.run("check", "--template", big.toString());
        assertUsersMistake(r, big + ":1:1: the template is larger than 256 MB");
    }

    @Test
    void templateFromADevice_isReadUpToTheCap() {
        CliTest.Run r = CliTest.run("check", "--template", "/dev/zero");
        assertUsersMistake(r, "/dev/zero:1:1: the template is larger than 256 MB");
    }

    @Test
    void snapshotFileOverTheCap_isRefused() throws IOException {
        Path snap = Files.createDirectories(dir.resolve("snap"));
        try (RandomAccessFile f = new RandomAccessFile(snap.resolve("vpcs.json").toFile(), "rw")) {
            f.setLength(257L * 1024 * 1024);
        }
        CliTest.Run r = CliTest.run("check", "--snapshot", snap.toString());
        assertUsersMistake(r, "vpcs.json:1:1: the snapshot file is larger than 256 MB");
        r = CliTest.run("vpc", "inspect", "vpc-1", "--snapshot", snap.toString());
        assertThat(r.err())
                .contains("vpcs.json:1:1: the snapshot file is larger than 256 MB")
                .doesNotContain("Exception");
    }

    @Test
    void stacktrace_isHonoured_afterASubcommandOfASubcommand() {
        for (String[] args : new String[][] {
            {"prices", "fetch", "--region", "us-east-1", "--stacktrace"},
            {"vpc", "inspect", "vpc-1", "--stacktrace"},
            {"--stacktrace", "prices", "fetch"},
            {"prices", "--stacktrace", "fetch"},
            {"synth", "--stacktrace"}
        }) {
            assertThat(Main.traceRequested(Main.commandLine(args).parseArgs(args)))
                    .as(String.join(" ", args))
                    .isTrue();
        }
        String[] none = {"vpc", "inspect", "vpc-1"};
        assertThat(Main.traceRequested(Main.commandLine(none).parseArgs(none))).isFalse();
    }

    @Test
    void specThatIsNotUtf8_saysSo() throws IOException {
        Path file = dir.resolve("latin1.yml");
        Files.write(file, "name: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        CliTest.Run r = CliTest.run("validate", "-f", file.toString());
        assertUsersMistake(r, file + ":1:1: the file is not UTF-8 text");
    }
}
