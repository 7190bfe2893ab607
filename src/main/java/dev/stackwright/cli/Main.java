package dev.stackwright.cli;

import dev.stackwright.deploy.AwsTarget;
import dev.stackwright.deploy.DeployException;
import dev.stackwright.diag.Diagnostic;
import dev.stackwright.diag.InputException;
import dev.stackwright.meta.Version;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code stackwright} command. Results go to stdout, diagnostics to stderr. */
@Command(
        name = "stackwright",
        mixinStandardHelpOptions = true,
        versionProvider = Main.VersionProvider.class,
        description = "Turns a short stackwright.yml into a secure, highly available, cost-efficient AWS stack.",
        footer = {
            "",
            "Exit codes: 0 ok, 1 problems in your input or a failed deploy, 2 usage error, 70 internal error.",
            "Start with `stackwright init`, then `stackwright plan`."
        })
public final class Main implements Runnable {
    public static final int OK = 0;
    public static final int INPUT_PROBLEM = 1;
    public static final int USAGE = 2;
    public static final int INTERNAL = 70;

    @Option(
            names = "--stacktrace",
            scope = ScopeType.INHERIT,
            description = "Print the Java stack trace of internal errors (for bug reports).")
    boolean stacktrace;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(
                args,
                new PrintWriter(System.out, true, System.out.charset()),
                new PrintWriter(System.err, true, System.err.charset())));
    }

    /** Subcommands in the order help lists them. */
    private static final List<String> COMMANDS = List.of(
            "init",
            "validate",
            "plan",
            "cost",
            "check",
            "why",
            "diagram",
            "report",
            "synth",
            "diff",
            "deploy",
            "rollback",
            "status",
            "drift",
            "destroy",
            "whoami",
            "vpc",
            "flows",
            "prices",
            "schema",
            "daemon",
            "help",
            "__train",
            "__serve");

    // A switch rather than a map of constructor references: lambdas over picocli's Java 5 classes crash the JDK 25
    // AOT cache assembler that the launcher uses.
    private static Object newCommand(String name) {
        return switch (name) {
            case "init" -> new InitCommand();
            case "validate" -> new ValidateCommand();
            case "plan" -> new PlanCommand();
            case "cost" -> new CostCommand();
            case "check" -> new CheckCommand();
            case "why" -> new WhyCommand();
            case "diagram" -> new DiagramCommand();
            case "report" -> new ReportCommand();
            case "synth" -> new SynthCommand();
            case "diff" -> new DiffCommand();
            case "deploy" -> new DeployCommand();
            case "rollback" -> new RollbackCommand();
            case "status" -> new StatusCommand();
            case "drift" -> new DriftCommand();
            case "destroy" -> new DestroyCommand();
            case "whoami" -> new WhoamiCommand();
            case "vpc" -> new VpcCommand();
            case "flows" -> new FlowsCommand();
            case "prices" -> new PricesCommand();
            case "schema" -> new SchemaCommand();
            case "help" -> new CommandLine.HelpCommand();
            case "daemon" -> new DaemonCommand();
            case "__train" -> new TrainCommand();
            case "__serve" -> new ServeCommand();
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** Runs the command line with the given streams; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = commandLine(args);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExitCodeExceptionMapper(e -> e instanceof InputException ? INPUT_PROBLEM : INTERNAL);
        cli.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("stackwright: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, c.getErr());
            c.getErr().println("Run `" + c.getCommandSpec().qualifiedName() + " --help` for usage.");
            return USAGE;
        });
        cli.setExecutionExceptionHandler((ex, c, parseResult) -> {
            if (ex instanceof InputException input) {
                report(input, c.getErr());
                return INPUT_PROBLEM;
            }
            boolean trace = traceRequested(parseResult);
            if (ex instanceof DeployException deploy) {
                // AWS and stack-state problems: one sentence and the fix; the cause only on request.
                c.getErr()
                        .println("stackwright: "
                                + AwsTarget.masked(sentence(java.util.Objects.requireNonNull(deploy.getMessage()))));
                c.getErr().println("Fix: " + AwsTarget.masked(sentence(deploy.fix())));
                if (trace) {
                    ex.printStackTrace(c.getErr());
                }
                return INPUT_PROBLEM;
            }
            c.getErr().println("stackwright: internal error: " + AwsTarget.masked(String.valueOf(ex)));
            if (trace) {
                ex.printStackTrace(c.getErr());
            } else {
                c.getErr().println("This is a bug in Stackwright. Run again with --stacktrace and report the output.");
            }
            return INTERNAL;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * Picocli reads every registered command's annotations up front, which is most of a short run's start-up time;
     * when the first argument names a subcommand, only that one is registered. Help and errors get them all.
     */
    static CommandLine commandLine(String[] args) {
        CommandLine cli = new CommandLine(new Main());
        String first =
                Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst().orElse("");
        boolean onlyOne = COMMANDS.contains(first) && !first.equals("help");
        for (String name : COMMANDS) {
            if (!onlyOne || name.equals(first)) {
                cli.addSubcommand(name, newCommand(name));
            }
        }
        cli.setCaseInsensitiveEnumValuesAllowed(true); // after the subcommands: it applies to those present
        return cli;
    }

    /**
     * Whether {@code --stacktrace} was given at any level: before the command, after it, or after a subcommand of a
     * subcommand ({@code prices fetch}, {@code vpc inspect}).
     */
    static boolean traceRequested(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult p = parseResult; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--stacktrace")) {
                return true;
            }
        }
        return false;
    }

    private static String sentence(String s) {
        return s.endsWith(".") ? s : s + ".";
    }

    static void report(InputException input, PrintWriter err) {
        for (Diagnostic d : input.diagnostics()) {
            err.println(d.format());
        }
        long errors = input.diagnostics().stream().filter(Diagnostic::isError).count();
        err.println(errors + (errors == 1 ? " problem" : " problems") + " found.");
    }

    static void warn(java.util.List<Diagnostic> warnings, PrintWriter err) {
        warnings.forEach(w -> err.println(w.format()));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"stackwright " + Version.current()};
        }
    }
}
