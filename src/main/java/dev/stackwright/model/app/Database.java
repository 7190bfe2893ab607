package dev.stackwright.model.app;

import java.util.List;
import java.util.Optional;

/**
 * An RDS instance in the data subnets. The master password is generated and kept by RDS in Secrets Manager.
 *
 * @param hostName the stable name the app uses, in the stack's private hosted zone
 */
public record Database(
        Engine engine,
        Optional<String> engineVersion,
        int port,
        String instanceClass,
        int storageGb,
        boolean multiAz,
        int backupRetentionDays,
        boolean deletionProtection,
        String databaseName,
        String username,
        String hostedZone,
        String hostName,
        int maxConnections) {

    /**
     * The engines, with the major versions RDS runs (standard and extended support), from the RDS User Guide pages
     * "Supported PostgreSQL major versions" and "Supported MySQL major versions on Amazon RDS", as of late 2025
     * (postgres 11 and 12 and mysql 5.7 only in extended support); recheck them when RDS adds or retires a major version.
     * https://docs.aws.amazon.com/AmazonRDS/latest/PostgreSQLReleaseNotes/postgresql-release-calendar.html
     * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/MySQL.Concepts.VersionMgmt.html
     */
    public enum Engine {
        POSTGRES("postgres", "PostgreSQL", 1, List.of("11", "12", "13", "14", "15", "16", "17", "18")),
        MYSQL("mysql", "MySQL", 2, List.of("5.7", "8.0", "8.4"));

        private final String id;
        private final String title;
        private final int majorParts;

        @SuppressWarnings("ImmutableEnumChecker") // List.copyOf below: unmodifiable, which the checker cannot see
        private final List<String> majorVersions;

        Engine(String id, String title, int majorParts, List<String> majorVersions) {
            this.id = id;
            this.title = title;
            this.majorParts = majorParts;
            this.majorVersions = List.copyOf(majorVersions);
        }

        /** The major versions RDS offers, oldest first. */
        public List<String> majorVersions() {
            return majorVersions;
        }

        /**
         * The major version a version belongs to: its first number for PostgreSQL ({@code 16.4} is 16), its first
         * two for MySQL ({@code 8.0.39} is 8.0). A major version alone ({@code 16}, {@code 8.4}) is itself.
         */
        public String majorOf(String version) {
            String[] parts = version.split("\\.");
            return String.join(".", java.util.Arrays.asList(parts).subList(0, Math.min(majorParts, parts.length)));
        }

        /** Whether RDS runs this engine at the version's major version. */
        public boolean offers(String version) {
            return majorVersions.contains(majorOf(version));
        }

        public String id() {
            return id;
        }

        public String title() {
            return title;
        }
    }
}
