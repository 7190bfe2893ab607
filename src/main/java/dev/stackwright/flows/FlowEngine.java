package dev.stackwright.flows;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where the SQL of {@link FlowQueries} runs: DuckDB over local files, or Amazon Athena over a table in S3. Values come
 * back as text (Athena returns nothing else); NULL as null.
 */
public interface FlowEngine {
    /** The relation the queries read. */
    String relation();

    /** Whether the records carry {@code pkt-srcaddr}, {@code pkt-dstaddr} and the {@code pkt-*-aws-service} fields. */
    boolean hasPacketFields();

    /** The rows of one query, in the order the query gives. */
    List<List<@Nullable String>> rows(String sql);

    /** Records that could not be read, with a sample; none for engines that read no files themselves. */
    default Malformed malformed() {
        return Malformed.NONE;
    }

    /** Malformed records: how many, and the first few with where they are. */
    record Malformed(long count, List<Sample> sample) {
        public static final Malformed NONE = new Malformed(0, List.of());

        public Malformed {
            sample = List.copyOf(sample);
        }

        /** One malformed record: its file, line, what was wrong and (shortened) the line itself. */
        public record Sample(String file, long line, String problem, String text) {}
    }
}
