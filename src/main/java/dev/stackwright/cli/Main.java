package dev.stackwright.cli;

import dev.stackwright.Version;
import dev.stackwright.diag.Diagnostic;
import dev.stackwright.diag.InputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.PrintWriter;

/** The {@code stackwright} command. Results go to stdout, diagnostics to stderr. */
@Command(name = "stackwright",
        mixinStandardHelpOptions = true,
        versionProvider = Main.VersionProvider.class,
        description = "Turns a short stackwright.yml into a secure, highly available, cost-efficient AWS stack.",
        subcommands = {InitCommand.class, ValidateCommand.class, PlanCommand.class, SynthCommand.class,
                SchemaCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 problems in your input, 2 usage error, 70 internal error.",
                "Start with `stackwright init`, then `stackwright plan`."})
public final class Main implements Runnable {
    public static final int OK = 0;
    public static final int INPUT_PROBLEM = 1;
    public static final int USAGE = 2;
    public static final int INTERNAL = 70;

    @Option(names = "--stacktrace", scope = ScopeType.INHERIT,
            description = "Print the Java stack trace of internal errors (for bug reports).")
    boolean stacktrace;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
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
            boolean trace = parseResult.hasMatchedOption("--stacktrace")
                    || parseResult.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--stacktrace"))
                    || (parseResult.subcommand() != null && parseResult.subcommand().hasMatchedOption("--stacktrace"));
            c.getErr().println("stackwright: internal error: " + ex);
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
