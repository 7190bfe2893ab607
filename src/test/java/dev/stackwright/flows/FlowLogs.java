package dev.stackwright.flows;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Writes flow logs with known answers, in Stackwright's own format. All records span one hour (so a month is 730
 * times what they hold), and the figures each test checks follow from the records below:
 *
 * <ul>
 *   <li>talkers: 10.0.1.10 sends 10.0.2.20 5 records of 1,000,000 bytes; 10.0.1.11 sends it 20 records of 1,000;
 *   <li>rejects on eni-web (10.0.0.5): 3 from 198.51.100.7 to tcp/22 (packets 1 each), 2 from 203.0.113.9 to tcp/3389
 *       (2 packets each);
 *   <li>through the NAT eni-nat (10.0.0.100): S3 2 GB out and 1 GB back, EC2 1 GB out, DynamoDB 0.5 GB out, the
 *       internet 0.1 GB out; plus the inner leg from 10.0.1.10 (2 GB), which the NAT answer must not count twice.
 * </ul>
 */
public final class FlowLogs {
    static final long START = 1_700_000_000L;
    static final long END = START + 3600;

    static final String HEADER = FlowFormat.STACKWRIGHT.fields().stream()
            .map(FlowField::name)
            .reduce((a, b) -> a + " " + b)
            .orElseThrow();

    private FlowLogs() {}

    /**
     * One record in Stackwright's format.
     *
     * @param service the pkt-dst-aws-service (egress) or pkt-src-aws-service (ingress) value, or "-"
     */
    static String record(
            String eni,
            String src,
            String dst,
            int srcPort,
            int dstPort,
            long packets,
            long bytes,
            String action,
            String pktDst,
            String service,
            String direction) {
        boolean egress = direction.equals("egress");
        return String.join(
                " ",
                "5",
                "123456789012",
                eni,
                src,
                dst,
                String.valueOf(srcPort),
                String.valueOf(dstPort),
                "6",
                String.valueOf(packets),
                String.valueOf(bytes),
                String.valueOf(START),
                String.valueOf(END),
                action,
                "OK",
                "vpc-1",
                "subnet-1",
                "-",
                "2",
                "IPv4",
                src,
                pktDst,
                "us-east-1",
                "use1-az1",
                egress ? "-" : service,
                egress ? service : "-",
                direction,
                "-");
    }

    public static List<String> knownRecords() {
        List<String> r = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            r.add(record(
                    "eni-app",
                    "10.0.1.10",
                    "10.0.2.20",
                    40000 + i,
                    8080,
                    10,
                    1_000_000,
                    "ACCEPT",
                    "10.0.2.20",
                    "-",
                    "egress"));
        }
        for (int i = 0; i < 20; i++) {
            r.add(record(
                    "eni-app2",
                    "10.0.1.11",
                    "10.0.2.20",
                    41000 + i,
                    8080,
                    1,
                    1_000,
                    "ACCEPT",
                    "10.0.2.20",
                    "-",
                    "egress"));
        }
        for (int i = 0; i < 3; i++) {
            r.add(record(
                    "eni-web", "198.51.100.7", "10.0.0.5", 50000 + i, 22, 1, 60, "REJECT", "10.0.0.5", "-", "ingress"));
        }
        for (int i = 0; i < 2; i++) {
            r.add(record(
                    "eni-web",
                    "203.0.113.9",
                    "10.0.0.5",
                    50100 + i,
                    3389,
                    2,
                    120,
                    "REJECT",
                    "10.0.0.5",
                    "-",
                    "ingress"));
        }
        // The NAT: the inner leg (forwarded: pkt-dstaddr is not the NAT's own address), then the outer legs.
        r.add(record(
                "eni-nat",
                "10.0.1.10",
                "10.0.0.100",
                42000,
                443,
                1000,
                2_000_000_000L,
                "ACCEPT",
                "52.216.1.1",
                "S3",
                "ingress"));
        r.add(record(
                "eni-nat",
                "10.0.0.100",
                "52.216.1.1",
                42000,
                443,
                1000,
                2_000_000_000L,
                "ACCEPT",
                "52.216.1.1",
                "S3",
                "egress"));
        r.add(record(
                "eni-nat",
                "52.216.1.1",
                "10.0.0.100",
                443,
                42000,
                500,
                1_000_000_000L,
                "ACCEPT",
                "10.0.0.100",
                "S3",
                "ingress"));
        r.add(record(
                "eni-nat",
                "10.0.0.100",
                "3.5.0.1",
                42001,
                443,
                500,
                1_000_000_000L,
                "ACCEPT",
                "3.5.0.1",
                "EC2",
                "egress"));
        r.add(record(
                "eni-nat",
                "10.0.0.100",
                "52.94.0.10",
                42002,
                443,
                300,
                500_000_000L,
                "ACCEPT",
                "52.94.0.10",
                "DYNAMODB",
                "egress"));
        r.add(record(
                "eni-nat",
                "10.0.0.100",
                "93.184.216.34",
                42003,
                443,
                100,
                100_000_000L,
                "ACCEPT",
                "93.184.216.34",
                "-",
                "egress"));
        return r;
    }

    public static String text(List<String> records) {
        return HEADER + "\n" + String.join("\n", records) + "\n";
    }

    public static Path write(Path file, String text) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (file.toString().endsWith(".gz")) {
                try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
                    out.write(text.getBytes(StandardCharsets.UTF_8));
                }
            } else {
                Files.writeString(file, text);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
