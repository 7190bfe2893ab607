package dev.stackwright.model.app;

/**
 * An environment variable filled from a secret store when the app starts.
 *
 * @param valueFrom the ARN (for Secrets Manager optionally with {@code :json-key::}) as ECS expects it
 */
public record SecretRef(String variable, Store store, String valueFrom) {
    public enum Store {
        SECRETS_MANAGER,
        PARAMETER_STORE
    }

    /** The secret's own ARN, without a JSON key suffix, for IAM policies. */
    public String resourceArn() {
        if (store == Store.PARAMETER_STORE) {
            return valueFrom;
        }
        // arn:aws:secretsmanager:region:account:secret:name-AbCdEf[:json-key:version-stage:version-id]
        String[] parts = valueFrom.split(":", -1);
        return parts.length <= 7 ? valueFrom : String.join(":", java.util.Arrays.copyOf(parts, 7));
    }
}
