package dev.stackwright.flows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.moto.MotoServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The known log as AWS delivers it elsewhere: Parquet files, and gzip objects in S3 (moto on 127.0.0.1). */
class FlowsParquetAndS3Test {
    @TempDir
    Path dir;

    @Test
    void parquet_asAwsWritesIt_givesTheKnownAnswers() throws Exception {
        Path csv = FlowLogs.write(dir.resolve("flows.log"), FlowLogs.text(FlowLogs.knownRecords()));
        Path folder = Files.createDirectories(dir.resolve("parquet"));
        Path parquet = folder.resolve("part-0.parquet");
        // AWS's Parquet columns are the field names with underscores, typed as the fields are.
        String columns = FlowFormat.STACKWRIGHT.fields().stream()
                .map(f -> "'" + f.column() + "': '" + f.sqlType() + "'")
                .collect(Collectors.joining(", ", "{", "}"));
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = db.createStatement()) {
            s.execute("COPY (SELECT * FROM read_csv('" + csv + "', delim = ' ', header = true, nullstr = '-',"
                    + " auto_detect = false, columns = " + columns + ")) TO '" + parquet + "' (FORMAT parquet)");
        }
        assertThat(Files.size(parquet)).isPositive();
        var run = FlowsCommandTest.cli("flows", folder.toString(), "--format", "json", "--top", "20");
        FlowsCommandTest.assertKnownAnswers(FlowsCommandTest.json(run));
    }

    @Test
    void s3Prefix_isDownloadedAndRead() throws Exception {
        List<String> records = FlowLogs.knownRecords();
        Path gz = FlowLogs.write(dir.resolve("a.log.gz"), FlowLogs.text(records.subList(0, 30)));
        Path plain = FlowLogs.write(dir.resolve("b.log"), FlowLogs.text(records.subList(30, records.size())));
        System.setProperty("aws.accessKeyId", "stackwright-test");
        System.setProperty("aws.secretAccessKey", "stackwright-test");
        try (MotoServer moto = MotoServer.start(dir.resolve("moto.log"));
                S3Client s3 = S3Client.builder()
                        .endpointOverride(URI.create(moto.endpoint()))
                        .region(Region.US_EAST_1)
                        .forcePathStyle(true)
                        .httpClient(UrlConnectionHttpClient.create())
                        .credentialsProvider(StaticCredentialsProvider.create(
                                AwsBasicCredentials.create("stackwright-test", "stackwright-test")))
                        .build()) {
            s3.createBucket(b -> b.bucket("flow-logs"));
            String prefix = "AWSLogs/123456789012/vpcflowlogs/us-east-1/2026/12/06/";
            s3.putObject(b -> b.bucket("flow-logs").key(prefix + "a.log.gz"), RequestBody.fromFile(gz));
            s3.putObject(b -> b.bucket("flow-logs").key(prefix + "b.log"), RequestBody.fromFile(plain));
            s3.putObject(b -> b.bucket("flow-logs").key("elsewhere/c.log"), RequestBody.fromString("not a log"));

            var run = FlowsCommandTest.cli(
                    "flows",
                    "s3://flow-logs/AWSLogs/123456789012/",
                    "--endpoint-url",
                    moto.endpoint(),
                    "--region",
                    "us-east-1",
                    "--format",
                    "json",
                    "--top",
                    "20");
            var answers = FlowsCommandTest.json(run);
            FlowsCommandTest.assertKnownAnswers(answers);
            assertThat(answers.get("source").asText()).isEqualTo("s3://flow-logs/AWSLogs/123456789012/");

            var empty = FlowsCommandTest.cli(
                    "flows",
                    "s3://flow-logs/nothing-here/",
                    "--endpoint-url",
                    moto.endpoint(),
                    "--region",
                    "us-east-1");
            assertThat(empty.code()).as(empty.text()).isEqualTo(1);
            assertThat(empty.err())
                    .contains("no objects under s3://flow-logs/nothing-here/")
                    .contains("Fix: ");
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }
}
