package dev.stackwright.cli;

import dev.stackwright.cli.daemon.Daemons;
import dev.stackwright.diag.Diagnostic;
import dev.stackwright.diag.InputException;
import dev.stackwright.diag.SourceLocation;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stackwright daemon status|stop}: the background JVMs the launcher starts so that repeated commands in a folder
 * keep their compiled code (docs/daemon.md).
 */
@Command(
        name = "daemon",
        description = {
            "Show or stop the background JVMs that answer repeated commands faster.",
            "",
            "The launcher (./stackwright) runs validate, plan, cost, check, why, diagram and synth in a background JVM,"
                    + " one per folder and build, so that the code the JVM compiled for one command is there for the"
                    + " next: a repeated `check` of a large account takes about a third of the time a JVM of its own"
                    + " takes. The first such command in a folder starts it and says so. Each stops"
                    + " after 20 idle minutes (STACKWRIGHT_DAEMON_IDLE, in seconds), when its jar is rebuilt, or"
                    + " when stopped here. STACKWRIGHT_DAEMON=off, or CI set, runs every command in a JVM of its own."
        },
        subcommands = {DaemonCommand.Status.class, DaemonCommand.Stop.class})
final class DaemonCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Where the daemons are: the launcher's folder for them, unless given. */
    abstract static class InFolder implements Callable<Integer> {
        @Option(
                names = "--dir",
                paramLabel = "DIR",
                description = "The daemons' folder (default: the launcher's, from STACKWRIGHT_DAEMON_DIR).")
        @Nullable
        Path dir;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        List<Path> sockets() {
            Path folder = dir;
            if (folder == null) {
                String fromLauncher = System.getenv("STACKWRIGHT_DAEMON_DIR");
                if (fromLauncher == null || fromLauncher.isBlank()) {
                    throw problem(
                            "--dir",
                            "no daemon folder: daemons are started by the launcher, which names their folder in"
                                    + " STACKWRIGHT_DAEMON_DIR",
                            "run this through ./stackwright, or give --dir");
                }
                folder = Path.of(fromLauncher);
            }
            if (Files.exists(folder) && !Files.isDirectory(folder)) {
                throw problem(folder.toString(), "not a folder", "give the daemons' folder with --dir");
            }
            try {
                return Daemons.sockets(folder);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static InputException problem(String where, String message, String fix) {
            return new InputException(
                    List.of(Diagnostic.error("daemon-dir", SourceLocation.ofFile(where), "", message, null, fix)));
        }

        PrintWriter out() {
            return spec.commandLine().getOut();
        }
    }

    @Command(name = "status", description = "List the background JVMs: process, folder, commands served, memory.")
    static final class Status extends InFolder {
        @Override
        public Integer call() {
            List<Path> sockets = sockets();
            if (sockets.isEmpty()) {
                out().println("No background JVM is running.");
            }
            for (Path socket : sockets) {
                Daemons.Answer answer = Daemons.status(socket);
                out().println(socket.getFileName() + ": " + answer.text());
            }
            return Main.OK;
        }
    }

    @Command(name = "stop", description = "Stop every background JVM (each stops by itself after 20 idle minutes).")
    static final class Stop extends InFolder {
        @Override
        public Integer call() {
            List<Path> sockets = sockets();
            int stopped = 0;
            for (Path socket : sockets) {
                Daemons.Answer answer = Daemons.stop(socket);
                if (answer.answered()) {
                    stopped++;
                } else {
                    out().println(socket.getFileName() + ": " + answer.text());
                }
            }
            out().println(
                            stopped == 0
                                    ? "No background JVM was running."
                                    : "Stopped " + stopped + (stopped == 1 ? " background JVM." : " background JVMs."));
            return Main.OK;
        }
    }
}
