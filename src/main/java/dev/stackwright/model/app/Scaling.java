package dev.stackwright.model.app;

/** Target tracking on the service's average CPU. */
public record Scaling(int min, int max, int cpuTargetPercent, int scaleOutCooldownSeconds, int scaleInCooldownSeconds) {
    public Scaling {
        if (min < 0 || max < Math.max(1, min)) {
            throw new IllegalArgumentException("scaling needs 0 <= min <= max and max >= 1, got " + min + ".." + max);
        }
    }
}
