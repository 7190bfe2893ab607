package dev.stackwright.deploy;

/**
 * A problem talking to AWS or a stack state that stops a command: one sentence saying what is wrong and one saying
 * how to fix it. The command line prints both, never a stack trace.
 */
public final class DeployException extends RuntimeException {
    private final String fix;

    public DeployException(String message, String fix) {
        super(message);
        this.fix = fix;
    }

    public DeployException(String message, String fix, Throwable cause) {
        super(message, cause);
        this.fix = fix;
    }

    public String fix() {
        return fix;
    }
}
