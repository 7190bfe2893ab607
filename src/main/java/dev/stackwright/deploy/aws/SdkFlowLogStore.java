package dev.stackwright.deploy.aws;

import dev.stackwright.deploy.DeployException;
import dev.stackwright.deploy.FlowLogStore;
import dev.stackwright.flows.FlowEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.athena.model.Datum;
import software.amazon.awssdk.services.athena.model.GetQueryResultsRequest;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.QueryExecutionStatus;
import software.amazon.awssdk.services.athena.model.Row;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Flow logs through the SDK: objects under an S3 prefix copied to a temporary folder, and queries on Athena. */
final class SdkFlowLogStore implements FlowLogStore {
    /** How long one Athena query may run before we give up on it. */
    static final Duration ATHENA_LIMIT = Duration.ofMinutes(30);

    private final SdkAws aws;

    SdkFlowLogStore(SdkAws aws) {
        this.aws = aws;
    }

    @Override
    public Path download(String s3Uri) {
        String rest = s3Uri.substring("s3://".length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1);
        if (bucket.isEmpty()) {
            throw new DeployException(s3Uri + " names no bucket", "give s3://BUCKET/PREFIX");
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("stackwright-flows-s3");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<S3Object> objects = new ArrayList<>();
        aws.call("listing " + s3Uri, () -> {
            aws.s3()
                    .listObjectsV2Paginator(ListObjectsV2Request.builder()
                            .bucket(bucket)
                            .prefix(prefix)
                            .build())
                    .contents()
                    .forEach(objects::add);
            return objects;
        });
        int copied = 0;
        for (S3Object o : objects) {
            String key = o.key();
            if (key.endsWith("/")) {
                continue; // a folder marker
            }
            // Keys become paths under the folder; a key that would climb out of it is refused.
            Path target = dir.resolve(key.replace(':', '_')).normalize();
            if (!target.startsWith(dir)) {
                throw new DeployException(
                        "the object key " + key + " in " + bucket + " would be written outside the download folder",
                        "read that prefix with --athena, or copy the objects yourself");
            }
            try {
                Files.createDirectories(target.getParent());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            aws.call(
                    "downloading s3://" + bucket + "/" + key,
                    () -> aws.s3()
                            .getObject(
                                    GetObjectRequest.builder()
                                            .bucket(bucket)
                                            .key(key)
                                            .build(),
                                    target));
            copied++;
        }
        if (copied == 0) {
            discard(dir);
            throw new DeployException(
                    "no objects under " + s3Uri,
                    "check the bucket and prefix (flow logs land under AWSLogs/ACCOUNT/vpcflowlogs/REGION/)");
        }
        return dir;
    }

    @Override
    public void discard(Path local) {
        try (Stream<Path> walk = Files.walk(local)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // A temporary folder left behind is no failure of the answers.
        }
    }

    @Override
    public FlowEngine athena(String database, String table, String workgroup, @Nullable String output) {
        return new AthenaEngine(database, table, workgroup, output);
    }

    /** The queries as Athena runs them: start, wait, page through the results (the first row holds the names). */
    private final class AthenaEngine implements FlowEngine {
        private final String database;
        private final String table;
        private final String workgroup;
        private final @Nullable String output;

        AthenaEngine(String database, String table, String workgroup, @Nullable String output) {
            this.database = database;
            this.table = table;
            this.workgroup = workgroup;
            this.output = output;
        }

        @Override
        public String relation() {
            return "\"" + database + "\".\"" + table + "\"";
        }

        /** The table docs/flows.md defines has every field of Stackwright's format. */
        @Override
        public boolean hasPacketFields() {
            return true;
        }

        @Override
        public List<List<@Nullable String>> rows(String sql) {
            String id = aws.call(
                    "starting an Athena query in workgroup " + workgroup,
                    () -> aws.athenaClient()
                            .startQueryExecution(b -> {
                                b.queryString(sql)
                                        .workGroup(workgroup)
                                        .queryExecutionContext(c -> c.database(database));
                                if (output != null) {
                                    b.resultConfiguration(r -> r.outputLocation(output));
                                }
                            })
                            .queryExecutionId());
            waitFor(id);
            List<List<@Nullable String>> rows = new ArrayList<>();
            boolean header = true;
            String token = null;
            do {
                GetQueryResultsRequest.Builder request =
                        GetQueryResultsRequest.builder().queryExecutionId(id);
                if (token != null) {
                    request.nextToken(token);
                }
                GetQueryResultsResponse page = aws.call(
                        "reading Athena results", () -> aws.athenaClient().getQueryResults(request.build()));
                for (Row row : page.resultSet().rows()) {
                    if (header) {
                        header = false;
                        continue;
                    }
                    List<@Nullable String> values = new ArrayList<>();
                    for (Datum d : row.data()) {
                        values.add(d.varCharValue());
                    }
                    rows.add(values);
                }
                token = page.nextToken();
            } while (token != null);
            return rows;
        }

        private void waitFor(String id) {
            long deadline = System.nanoTime() + ATHENA_LIMIT.toNanos();
            long pause = 200;
            while (true) {
                QueryExecutionStatus status = aws.call(
                        "asking Athena how query " + id + " runs",
                        () -> aws.athenaClient()
                                .getQueryExecution(b -> b.queryExecutionId(id))
                                .queryExecution()
                                .status());
                QueryExecutionState state = status.state();
                if (state == QueryExecutionState.SUCCEEDED) {
                    return;
                }
                if (state == QueryExecutionState.FAILED || state == QueryExecutionState.CANCELLED) {
                    throw new DeployException(
                            "the Athena query " + id + " " + state.toString().toLowerCase(java.util.Locale.ROOT) + ": "
                                    + status.stateChangeReason(),
                            "check that " + relation() + " exists with Stackwright's flow log columns (docs/flows.md"
                                    + " gives its DDL) and that the workgroup has an output location (or pass"
                                    + " --athena-output s3://...)");
                }
                if (System.nanoTime() > deadline) {
                    throw new DeployException(
                            "the Athena query " + id + " did not finish in " + ATHENA_LIMIT.toMinutes() + " minutes",
                            "look at it in the Athena console, or narrow the table's partitions");
                }
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new DeployException("interrupted waiting for Athena", "run again", e);
                }
                pause = Math.min(2000, pause * 2);
            }
        }
    }
}
