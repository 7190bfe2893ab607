package dev.stackwright.deploy;

import dev.stackwright.flows.FlowEngine;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** Flow logs where AWS delivers them: objects in S3 to read locally, or a table to query with Athena. */
public interface FlowLogStore {
    /** Copies every object under {@code s3://bucket/prefix} into a new temporary folder and returns it. */
    Path download(String s3Uri);

    /** Deletes a folder {@link #download} made. */
    void discard(Path local);

    /**
     * Runs the flows queries on Athena.
     *
     * @param output where Athena writes results ({@code s3://...}); null when the workgroup names one
     */
    FlowEngine athena(String database, String table, String workgroup, @Nullable String output);
}
