package dev.stackwright.deploy;

import java.io.PrintWriter;
import org.jspecify.annotations.Nullable;

/**
 * Where the deployer talks to the user: results (the diff, outputs) on {@code out}, progress and problems on
 * {@code err}, questions only when someone can answer them.
 */
public interface Console {
    PrintWriter out();

    PrintWriter err();

    /** Someone at a terminal can answer questions. */
    boolean interactive();

    /** The progress stream is a terminal, so lines may be redrawn in place; otherwise plain lines for logs. */
    boolean live();

    /** Asks and returns the line typed (stripped), or null when input ended. Only when {@link #interactive()}. */
    @Nullable
    String ask(String question);
}
