package dev.stackwright.starter;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The database a starter project is written for: {@code --database postgres|mysql|none}. */
public enum Database {
    POSTGRES("postgres"),
    MYSQL("mysql"),
    NONE("none");

    private final String id;

    Database(String id) {
        this.id = id;
    }

    /** The name on the command line, in file suffixes and in the {@code {{database}}} placeholder. */
    public String id() {
        return id;
    }

    public static Optional<Database> parse(String id) {
        return Arrays.stream(values()).filter(d -> d.id.equals(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(Database::id).toList();
    }
}
