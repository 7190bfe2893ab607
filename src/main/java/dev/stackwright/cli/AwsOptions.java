package dev.stackwright.cli;

import dev.stackwright.deploy.Aws;
import dev.stackwright.deploy.AwsTarget;
import dev.stackwright.deploy.Console;
import dev.stackwright.deploy.DeployException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The options of every command that talks to AWS. The SDK is loaded only when {@link #connect} runs, so the other
 * commands start as fast as before. {@code report}, whose --region names a template's region, takes the rest
 * ({@link AwsAccess}).
 */
final class AwsOptions extends AwsAccess {
    /** Tests replace the SDK with fakes here; null means the real SDK. */
    static @Nullable Function<AwsTarget, Aws> connector;

    @Option(names = "--region", paramLabel = "REGION", description = "The AWS region; default: the spec's `region`.")
    @Nullable
    String region;

    /** Connects with the region given, else the spec's, else the SDK's default chain. */
    Aws connect(@Nullable String specRegion) {
        String chosen = region != null ? region : specRegion;
        String source = region != null ? "--region" : specRegion != null ? "the spec" : "the AWS configuration";
        return connect(chosen, source);
    }

    /** {@code 90s}, {@code 30m}, {@code 1h}, or a number of minutes. */
    static Duration duration(String text) {
        Matcher m = Pattern.compile("(\\d+)\\s*([smh]?)").matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new DeployException("--timeout " + text + " is not a duration", "give one like 90s, 30m or 2h");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofMinutes(n);
        };
    }

    /** The command's streams, with questions read from standard input when it is a terminal. */
    static Console console(CommandSpec command) {
        return new TerminalConsole(
                command.commandLine().getOut(), command.commandLine().getErr(), isTerminal());
    }

    /**
     * Whether standard input and output are a terminal. Since JDK 22 System.console() exists even when they are
     * redirected and Console.isTerminal() tells; we compile for 21, so it is looked up.
     */
    @SuppressWarnings("SystemConsoleNull") // on JDK 21 it is null when redirected, and we run there too
    static boolean isTerminal() {
        java.io.Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    private record TerminalConsole(PrintWriter out, PrintWriter err, boolean terminal) implements Console {
        private static @Nullable BufferedReader in;

        @Override
        public boolean interactive() {
            return terminal;
        }

        @Override
        public boolean live() {
            return terminal && System.getenv("CI") == null && !"dumb".equals(System.getenv("TERM"));
        }

        @Override
        public @Nullable String ask(String question) {
            out.flush();
            err.print(question);
            err.flush();
            try {
                synchronized (TerminalConsole.class) {
                    if (in == null) {
                        in = new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset()));
                    }
                    String line = in.readLine();
                    return line == null ? null : line.strip();
                }
            } catch (IOException e) {
                return null;
            }
        }
    }
}
