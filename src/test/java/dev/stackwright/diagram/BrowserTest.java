package dev.stackwright.diagram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stackwright.Stackwright;
import dev.stackwright.cli.CliTest;
import dev.stackwright.model.Subnet;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example's report in a real browser: Debian's Chromium, headless. The DOM it builds shows every subnet and
 * resolves every matrix link (the page has no script, so it reads the same with JavaScript off); a screenshot is taken; and its network log shows that the page
 * asked for nothing outside itself. Name lookups are mapped to nothing, so not even the browser's own requests leave
 * the machine. Fails, never skips, when Chromium is missing.
 */
class BrowserTest {
    private static final Path OUT = Path.of("target", "browser");

    static Stream<String> examples() throws IOException {
        return DiagramTest.examples();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void report_inChromium_showsEverySubnet_resolvesEveryLink_andFetchesNothing(String example) throws IOException {
        Path html = OUT.resolve(example + ".html").toAbsolutePath();
        Files.createDirectories(OUT);
        CliTest.Run r = CliTest.run(
                "report", "-f", "examples/" + example + "/stackwright.yml", "-o", html.toString(), "--force");
        assertThat(r.code()).as(r.err()).isZero();

        assertThat(Files.readString(html))
                .as("the page works with JavaScript off: it has none")
                .doesNotContain("<script");
        Browsed page = browse(html, example);
        for (Subnet s : Stackwright.plan(Path.of("examples", example, "stackwright.yml"))
                .network()
                .subnets()) {
            assertThat(page.dom()).contains("<td>" + s.cidr() + "</td>");
        }
        assertThat(page.dom()).contains("Reachability matrix", "<svg");
        assertThat(page.dom().split("href=\"#v1-why-", -1).length - 1)
                .as("matrix links")
                .isPositive();
        assertThat(ReportTest.danglingLinks(page.dom()))
                .as("matrix links without a target in the DOM")
                .isEmpty();
        assertThat(page.requestsOut()).as("requests the page made").isEmpty();
        assertThat(page.console()).as("console messages").isEmpty();

        Path png = OUT.resolve(example + ".png").toAbsolutePath();
        Files.deleteIfExists(png);
        Chromium.run(
                List.of(
                        "--window-size=1400,1600",
                        "--screenshot=" + png,
                        html.toUri().toString()),
                example + "-shot");
        assertThat(png).exists();
        assertThat(Files.size(png)).isPositive();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("a PNG image").isNotNull();
        assertThat(image.getWidth()).isEqualTo(1400);
        assertThat(colours(image))
                .as("colours in the screenshot (a blank page has one)")
                .isGreaterThan(8);
    }

    /** The checks above can fail: a page that fetches an image and logs an error is caught on both counts. */
    @Test
    void aPageThatFetchesOrLogsAnError_isCaught() throws IOException {
        Files.createDirectories(OUT);
        Path bad = OUT.resolve("leaky.html").toAbsolutePath();
        Files.writeString(
                bad,
                "<!DOCTYPE html><html><body><p>leaky</p><img src=\"http://example.com/logo.png\">"
                        + "<script>console.error('boom')</script></body></html>\n");
        Browsed page = browse(bad, "leaky");
        assertThat(page.requestsOut()).contains("http://example.com/logo.png");
        assertThat(page.console()).anyMatch(l -> l.contains("boom"));
    }

    /** Without chromium the test fails (never skips) and says how to install it. */
    @Test
    void missingChromium_failsWithTheInstallCommand(@org.junit.jupiter.api.io.TempDir Path empty) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Chromium.binary(empty.toString()))
                .isInstanceOf(org.opentest4j.AssertionFailedError.class)
                .hasMessageContaining("chromium is not on PATH")
                .hasMessageContaining("apt-get install -y chromium");
    }

    /** The DOM after loading, the page's requests to anything but files, and what the page wrote to the console. */
    record Browsed(String dom, List<String> requestsOut, List<String> console) {}

    private static Browsed browse(Path html, String name) throws IOException {
        Path netLog = OUT.resolve(name + ".netlog.json").toAbsolutePath();
        Files.deleteIfExists(netLog);
        List<String> args = new ArrayList<>(List.of("--log-net-log=" + netLog, "--enable-logging=stderr", "--v=0"));
        args.addAll(List.of("--dump-dom", html.toUri().toString()));
        Chromium.Result r = Chromium.run(args, name);
        List<String> console =
                r.stderr().lines().filter(l -> l.contains(":CONSOLE")).toList();
        return new Browsed(r.stdout(), pageRequests(netLog), console);
    }

    /**
     * The URLs the page itself asked for (its network isolation key is the file's origin), other than files: the
     * browser's own background requests have other keys and are left out.
     */
    static List<String> pageRequests(Path netLog) throws IOException {
        JsonNode log = new ObjectMapper().readTree(netLog.toFile());
        int startJob = log.path("constants")
                .path("logEventTypes")
                .path("URL_REQUEST_START_JOB")
                .asInt(-1);
        assertThat(startJob)
                .as("URL_REQUEST_START_JOB in the net log's constants")
                .isNotNegative();
        List<String> out = new ArrayList<>();
        for (JsonNode e : log.path("events")) {
            JsonNode p = e.path("params");
            if (e.path("type").asInt() == startJob
                    && p.path("network_isolation_key").asText().startsWith("file://")
                    && !p.path("url").asText().startsWith("file:")) {
                out.add(p.path("url").asText());
            }
        }
        return out;
    }

    private static int colours(BufferedImage image) {
        Map<Integer, Boolean> seen = new HashMap<>();
        for (int y = 0; y < image.getHeight(); y += 7) {
            for (int x = 0; x < image.getWidth(); x += 7) {
                seen.put(image.getRGB(x, y), true);
            }
        }
        return seen.size();
    }

    /** Debian's Chromium, run headless with no sandbox, no GPU, no background networking and no name lookups. */
    static final class Chromium {
        record Result(String stdout, String stderr) {}

        static Path binary() {
            return binary(System.getenv().getOrDefault("PATH", ""));
        }

        /** The chromium on this search path; fails the test, with how to install it, when there is none. */
        static Path binary(String searchPath) {
            for (String dir : searchPath.split(File.pathSeparator, -1)) {
                Path p = Path.of(dir, "chromium");
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
            return fail("chromium is not on PATH. Fix: install Debian's package with `apt-get install -y chromium` "
                    + "(.ci/run does so when it is missing).");
        }

        static Result run(List<String> args, String name) {
            List<String> command = new ArrayList<>(List.of(
                    binary().toString(),
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--disable-extensions",
                    "--no-first-run",
                    "--no-default-browser-check",
                    "--host-resolver-rules=MAP * ~NOTFOUND",
                    "--user-data-dir=" + OUT.resolve("profile-" + name).toAbsolutePath()));
            command.addAll(args);
            try {
                Path out = Files.createTempFile("chromium", ".out");
                Path err = Files.createTempFile("chromium", ".err");
                try {
                    Process p = new ProcessBuilder(command)
                            .redirectOutput(out.toFile())
                            .redirectError(err.toFile())
                            .start();
                    if (!p.waitFor(120, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                        fail("chromium did not finish in 120 s: " + String.join(" ", command));
                    }
                    String stderr = Files.readString(err, StandardCharsets.UTF_8);
                    assertThat(p.exitValue())
                            .as("chromium's exit code; its stderr:\n" + stderr)
                            .isZero();
                    return new Result(Files.readString(out, StandardCharsets.UTF_8), stderr);
                } finally {
                    Files.deleteIfExists(out);
                    Files.deleteIfExists(err);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
