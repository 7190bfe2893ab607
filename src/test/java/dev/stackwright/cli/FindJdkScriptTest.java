package dev.stackwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/find-jdk.sh, which ./stackwright sources on every command: the JDK it picks from JAVA_HOME, PATH and the
 * usual folders, on fake JDK folders (a release file and executable java and javac).
 */
class FindJdkScriptTest {
    @TempDir
    Path dir;

    private Path fakeJdk(String name, @Nullable String release) throws IOException {
        Path home = dir.resolve(name);
        Files.createDirectories(home.resolve("bin"));
        for (String tool : new String[] {"java", "javac"}) {
            Path file = home.resolve("bin").resolve(tool);
            Files.writeString(file, "#!/bin/sh\nexit 0\n");
            assertThat(file.toFile().setExecutable(true)).isTrue();
        }
        if (release != null) {
            Files.writeString(home.resolve("release"), release);
        }
        return home;
    }

    /** Runs a bash snippet with find-jdk.sh sourced; returns its stdout, trimmed. */
    private static String bash(String snippet, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "source scripts/find-jdk.sh && " + snippet);
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out + (p.exitValue() == 0 ? "" : " [exit " + p.exitValue() + "]");
    }

    @Test
    void javaHome_ofJdk21OrNewer_isPicked() throws Exception {
        Path jdk = fakeJdk("jdk-21", "IMPLEMENTOR=\"x\"\nJAVA_VERSION=\"21.0.4\"\n");
        assertThat(bash("find_jdk", Map.of("JAVA_HOME", jdk.toString()))).isEqualTo(jdk.toString());
        assertThat(bash("locate_jdk && echo \"$REPLY\"", Map.of("JAVA_HOME", jdk.toString())))
                .isEqualTo(jdk.toString());
    }

    @Test
    void javaHome_tooOld_fallsThroughToJavaOnPath() throws Exception {
        Path old = fakeJdk("jdk-17", "JAVA_VERSION=\"17.0.2\"\n");
        Path jdk = fakeJdk("jdk-25", "JAVA_VERSION=\"25\""); // no final newline
        String path = jdk.resolve("bin") + ":/usr/bin:/bin";
        assertThat(bash("find_jdk", Map.of("JAVA_HOME", old.toString(), "PATH", path)))
                .isEqualTo(jdk.toString());
    }

    @Test
    void jdkMajor_readsTheReleaseFile_andIsZeroWhenUnknown() throws Exception {
        Path jdk = fakeJdk("jdk-22", "JAVA_VERSION=\"22.0.1\"\nJAVA_RUNTIME_VERSION=\"99\"\n");
        assertThat(bash("jdk_major " + jdk, Map.of())).isEqualTo("22");
        assertThat(bash("jdk_major " + dir.resolve("nothing"), Map.of())).isEqualTo("0");
        assertThat(bash("read_jdk_major " + jdk + " && echo \"$REPLY\"", Map.of()))
                .isEqualTo("22");
    }

    @Test
    void onPath_findsTheFirstExecutable_likeCommandV() throws Exception {
        Path first = fakeJdk("a", null);
        Path second = fakeJdk("b", null);
        String path = dir.resolve("missing") + ":" + first.resolve("bin") + ":" + second.resolve("bin");
        assertThat(bash("on_path javac && echo \"$REPLY\"", Map.of("PATH", path + ":/usr/bin:/bin")))
                .isEqualTo(first.resolve("bin/javac").toString());
        assertThat(bash("on_path no-such-tool-here || echo none", Map.of("PATH", path + ":/usr/bin:/bin")))
                .isEqualTo("none");
    }
}
