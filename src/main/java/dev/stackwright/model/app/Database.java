package dev.stackwright.model.app;

import java.util.Optional;

/**
 * An RDS instance in the data subnets. The master password is generated and kept by RDS in Secrets Manager.
 *
 * @param hostName the stable name the app uses, in the stack's private hosted zone
 */
public record Database(Engine engine, Optional<String> engineVersion, int port, String instanceClass, int storageGb,
                       boolean multiAz, int backupRetentionDays, boolean deletionProtection, String databaseName,
                       String username, String hostedZone, String hostName, int maxConnections) {

    public enum Engine {
        POSTGRES("postgres", "PostgreSQL"), MYSQL("mysql", "MySQL");

        private final String id;
        private final String title;

        Engine(String id, String title) {
            this.id = id;
            this.title = title;
        }

        public String id() {
            return id;
        }

        public String title() {
            return title;
        }
    }
}
