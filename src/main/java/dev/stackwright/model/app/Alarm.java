package dev.stackwright.model.app;

/**
 * A CloudWatch alarm. The renderer finds the metric's dimensions from the subject.
 *
 * @param name      short, unique in the stack; also names the logical ID
 * @param threshold in the metric's unit; for {@code rate} alarms, a percentage of requests
 */
public record Alarm(
        String name,
        Subject subject,
        String namespace,
        String metric,
        String statistic,
        Comparison comparison,
        double threshold,
        int periodSeconds,
        int evaluationPeriods,
        String description) {

    public enum Subject {
        LOAD_BALANCER,
        TARGET_GROUP,
        API,
        SERVICE,
        FUNCTION,
        DATABASE
    }

    public enum Comparison {
        ABOVE("GreaterThanThreshold", ">"),
        BELOW("LessThanThreshold", "<");

        private final String cloudWatch;
        private final String symbol;

        Comparison(String cloudWatch, String symbol) {
            this.cloudWatch = cloudWatch;
            this.symbol = symbol;
        }

        public String cloudWatch() {
            return cloudWatch;
        }

        public String symbol() {
            return symbol;
        }
    }

    /** The ALB's 5xx responses as a percentage of requests: metric math over three metrics. */
    public boolean isErrorRate() {
        return metric.equals(ERROR_RATE);
    }

    public static final String ERROR_RATE = "5xxRate";
}
