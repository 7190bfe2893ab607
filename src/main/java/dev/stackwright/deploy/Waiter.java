package dev.stackwright.deploy;

import java.time.Duration;
import java.time.Instant;

/** The clock and the pause between polls; tests use one whose sleep only moves its clock. */
public interface Waiter {
    Instant now();

    void sleep(Duration duration);

    /** The real clock. */
    Waiter SYSTEM = new Waiter() {
        @Override
        public Instant now() {
            return Instant.now();
        }

        @Override
        public void sleep(Duration duration) {
            try {
                Thread.sleep(duration.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeployException(
                        "interrupted while waiting for CloudFormation",
                        "run `stackwright status` to see where the stack is");
            }
        }
    };
}
