package dev.stackwright.deploy.flowlogs;

import dev.stackwright.diag.Diagnostic;
import dev.stackwright.diag.InputException;
import dev.stackwright.diag.SourceLocation;
import dev.stackwright.flows.FlowEngine;
import dev.stackwright.flows.FlowField;
import dev.stackwright.flows.FlowFormat;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.jspecify.annotations.Nullable;

/**
 * Flow log files on disk read with DuckDB, embedded: a file or a folder of them, plain text, gzip or Parquet, in the
 * default format or any custom one whose header line names its fields. The records are loaded once, streaming, into a
 * DuckDB database in a temporary folder (so a log larger than memory spills to disk), and every answer is a query on
 * that table. Malformed lines are skipped and kept with their file and line; a truncated gzip file is left out with a
 * warning; input nothing can be read from ends in an {@link InputException} naming the file and the fix.
 */
public final class LocalFlowLogs implements FlowEngine, AutoCloseable {
    /** How many malformed records are shown. */
    static final int SAMPLE = 5;

    private static final Pattern GZIP_END =
            Pattern.compile("Unexpected end of GZIP stream: (.+?)\\s*$", Pattern.MULTILINE);

    private final Path work;
    private final Connection db;
    private final boolean packetFields;
    private final Malformed malformed;
    private final List<String> warnings;
    private final String description;

    private LocalFlowLogs(
            Path work,
            Connection db,
            boolean packetFields,
            Malformed malformed,
            List<String> warnings,
            String description) {
        this.work = work;
        this.db = db;
        this.packetFields = packetFields;
        this.malformed = malformed;
        this.warnings = List.copyOf(warnings);
        this.description = description;
    }

    /** One input file and how to read it. */
    record LogFile(Path path, Kind kind, @Nullable FlowFormat format, boolean header) {
        enum Kind {
            TEXT,
            GZIP,
            PARQUET
        }
    }

    /** Reads a file or a folder (every file under it, hidden ones aside). */
    public static LocalFlowLogs open(Path input) {
        List<Path> paths = files(input);
        List<LogFile> logs = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Path p : paths) {
            LogFile log = describe(p, warnings);
            if (log != null) {
                logs.add(log);
            }
        }
        if (logs.isEmpty()) {
            throw problem(
                    input.toString(),
                    warnings.isEmpty() ? "no flow log records in it" : "no readable flow log file in it: " + warnings,
                    "give a flow log file (text, .gz or .parquet) or a folder of them");
        }
        Path work;
        try {
            work = Files.createTempDirectory("stackwright-flows");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Connection db = DriverManager.getConnection("jdbc:duckdb:" + work.resolve("flows.duckdb"));
            try {
                return load(input, work, db, logs, warnings);
            } catch (RuntimeException e) {
                db.close();
                throw e;
            }
        } catch (SQLException e) {
            deleteQuietly(work);
            throw new IllegalStateException("DuckDB failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(work);
            throw e;
        }
    }

    private static LocalFlowLogs load(Path input, Path work, Connection db, List<LogFile> logs, List<String> warnings)
            throws SQLException {
        try (Statement s = db.createStatement()) {
            // Bounded memory: DuckDB spills to the work folder past this, so a log larger than memory still loads.
            long limitMb = Math.max(256, Math.min(2048, physicalMemoryMb() / 4));
            s.execute("SET memory_limit = '" + limitMb + "MB'");
            s.execute("SET temp_directory = '" + sql(work.resolve("spill").toString()) + "'");
            s.execute("SET preserve_insertion_order = false");
        }
        List<LogFile> remaining = new ArrayList<>(logs);
        List<String> scans = new ArrayList<>();
        while (true) {
            try (Statement s = db.createStatement()) {
                s.execute("DROP TABLE IF EXISTS flows");
                s.execute("CREATE TABLE flows AS " + select(db, remaining, scans));
                break;
            } catch (SQLException e) {
                Matcher m = GZIP_END.matcher(String.valueOf(e.getMessage()));
                if (!m.find()) {
                    throw unreadable(remaining, e);
                }
                String file = m.group(1);
                boolean removed = remaining.removeIf(l -> l.path().toString().equals(file));
                if (!removed) {
                    throw unreadable(remaining, e);
                }
                warnings.add(file + ": the gzip stream ends early (a truncated file: a copy or download cut short); its"
                        + " records were left out. Fix: fetch the file again");
                if (remaining.isEmpty()) {
                    throw problem(
                            file,
                            "the gzip stream ends early (a truncated file: a copy or download cut short)",
                            "fetch the file again (aws s3 cp the object anew), or run on the other files");
                }
                scans.clear();
            }
        }
        Malformed malformed = malformed(db, scans);
        long records;
        try (Statement s = db.createStatement();
                ResultSet r = s.executeQuery("SELECT COUNT(*) FROM flows")) {
            r.next();
            records = r.getLong(1);
        }
        if (records == 0) {
            if (!malformed.sample().isEmpty()) {
                Malformed.Sample first = malformed.sample().getFirst();
                throw new InputException(
                        List.of(
                                Diagnostic.error(
                                        "flows.unreadable",
                                        new SourceLocation(
                                                first.file(), (int) Math.min(Integer.MAX_VALUE, first.line()), 1),
                                        "",
                                        "no record could be read: all " + malformed.count()
                                                + " are malformed, the first: " + first.problem(),
                                        first.text(),
                                        "check that the file is a VPC flow log whose header names its fields in order (docs/flows.md)")));
            }
            throw problem(input.toString(), "no flow log records in it", "give a flow log with records");
        }
        boolean packetFields = remaining.stream()
                .anyMatch(l -> l.kind() == LogFile.Kind.PARQUET
                        || (l.format() != null && l.format().has("pkt-dstaddr")));
        String description = remaining.size() == 1
                ? remaining.getFirst().path().toString()
                : remaining.size() + " files in " + input;
        return new LocalFlowLogs(work, db, packetFields, malformed, warnings, description);
    }

    /** The records of every file as one relation with a column per field; unknown columns as NULL. */
    private static String select(Connection db, List<LogFile> logs, List<String> scans) throws SQLException {
        Map<String, List<LogFile>> groups = new LinkedHashMap<>();
        for (LogFile l : logs) {
            String key =
                    l.kind() == LogFile.Kind.PARQUET ? "parquet" : formatKey(l.format()) + (l.header() ? "|h" : "|n");
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(l);
        }
        List<String> parts = new ArrayList<>();
        int n = 0;
        for (List<LogFile> group : groups.values()) {
            String files = group.stream()
                    .map(l -> "'" + sql(l.path().toString()) + "'")
                    .collect(Collectors.joining(", ", "[", "]"));
            LogFile first = group.getFirst();
            if (first.kind() == LogFile.Kind.PARQUET) {
                String parquet = "read_parquet(" + files + ", union_by_name = true)";
                parts.add("SELECT " + parquetColumns(db, parquet) + " FROM " + parquet);
                continue;
            }
            FlowFormat format = java.util.Objects.requireNonNull(first.format()); // text files always have one
            String scan = "scans_" + n;
            String rejects = "rejects_" + n;
            n++;
            scans.add(String.valueOf(n - 1));
            String types = format.fields().stream()
                    .map(f -> "'" + f.column() + "': '" + f.sqlType() + "'")
                    .collect(Collectors.joining(", ", "{", "}"));
            parts.add("SELECT " + columns(format) + " FROM read_csv(" + files + ", delim = ' ', quote = '',"
                    + " escape = '', header = " + first.header() + ", nullstr = '-', auto_detect = false,"
                    + " ignore_errors = true, store_rejects = true, rejects_scan = '" + scan + "', rejects_table = '"
                    + rejects + "', columns = " + types + ")");
        }
        return String.join(" UNION ALL BY NAME ", parts);
    }

    /** Every field as a column: the format's own, or NULL of the field's type. */
    private static String columns(FlowFormat format) {
        return FlowField.ALL.stream()
                .map(f -> format.has(f.name())
                        ? quoted(f.column())
                        : "CAST(NULL AS " + f.sqlType() + ") AS " + quoted(f.column()))
                .collect(Collectors.joining(", "));
    }

    /**
     * Every field from Parquet files as AWS writes them (columns named like {@code pkt_dstaddr}), cast to the field's
     * type; a field the files lack is NULL.
     */
    private static String parquetColumns(Connection db, String parquet) throws SQLException {
        Set<String> present = new java.util.HashSet<>();
        try (Statement s = db.createStatement();
                ResultSet r = s.executeQuery("DESCRIBE SELECT * FROM " + parquet)) {
            while (r.next()) {
                present.add(String.valueOf(r.getString(1)).toLowerCase(Locale.ROOT));
            }
        }
        return FlowField.ALL.stream()
                .map(f -> present.contains(f.column())
                        ? "TRY_CAST(" + quoted(f.column()) + " AS " + f.sqlType() + ") AS " + quoted(f.column())
                        : "CAST(NULL AS " + f.sqlType() + ") AS " + quoted(f.column()))
                .collect(Collectors.joining(", "));
    }

    private static String quoted(String column) {
        return "\"" + column + "\"";
    }

    private static Malformed malformed(Connection db, List<String> scans) throws SQLException {
        if (scans.isEmpty()) {
            return Malformed.NONE;
        }
        List<String> parts = new ArrayList<>();
        for (String pair : scans) {
            String[] names = {"scans_" + pair, "rejects_" + pair};
            parts.add(
                    "SELECT s.file_path AS file, e.line AS line, MAX(e.error_type) AS problem, MIN(e.csv_line) AS text"
                            + " FROM " + names[1] + " e JOIN " + names[0]
                            + " s ON e.scan_id = s.scan_id AND e.file_id ="
                            + " s.file_id GROUP BY s.file_path, e.line");
        }
        String all = String.join(" UNION ALL ", parts);
        long count;
        List<Malformed.Sample> sample = new ArrayList<>();
        try (Statement s = db.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM (" + all + ") t")) {
                r.next();
                count = r.getLong(1);
            }
            try (ResultSet r = s.executeQuery(
                    "SELECT file, line, problem, text FROM (" + all + ") t ORDER BY file, line LIMIT " + SAMPLE)) {
                while (r.next()) {
                    String text = String.valueOf(r.getString(4));
                    sample.add(new Malformed.Sample(
                            String.valueOf(r.getString(1)),
                            r.getLong(2),
                            problemText(String.valueOf(r.getString(3))),
                            text.length() > 120 ? text.substring(0, 117) + "..." : text));
                }
            }
        } catch (SQLException e) {
            // No rejects table: the scan found nothing to reject.
            if (String.valueOf(e.getMessage()).contains("does not exist")) {
                return Malformed.NONE;
            }
            throw e;
        }
        return new Malformed(count, sample);
    }

    /** DuckDB's error types in words. */
    static String problemText(String type) {
        return switch (type) {
            case "MISSING COLUMNS" -> "fewer fields than the header names";
            case "TOO MANY COLUMNS" -> "more fields than the header names";
            case "CAST" -> "a value of the wrong type (a number field that is not a number)";
            case "UNQUOTED VALUE", "LINE SIZE OVER MAXIMUM", "INVALID UNICODE" -> type.toLowerCase(Locale.ROOT);
            default -> type.toLowerCase(Locale.ROOT);
        };
    }

    /** Input DuckDB could not read at all: the first file it names, or all of them. */
    private static InputException unreadable(List<LogFile> logs, SQLException e) {
        String message = String.valueOf(e.getMessage());
        String file = logs.stream()
                .map(l -> l.path().toString())
                .filter(message::contains)
                .findFirst()
                .orElse(logs.size() == 1 ? logs.getFirst().path().toString() : logs.size() + " files");
        String first = message.lines().findFirst().orElse(message);
        return problem(
                file,
                "cannot be read as a flow log: " + first,
                "check that it is a VPC flow log file (text, " + ".gz or .parquet, as AWS delivers them)");
    }

    /** A text file's first line decides its format: a header names the fields; a record means the default format. */
    private static @Nullable LogFile describe(Path file, List<String> warnings) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".parquet")) {
            return new LogFile(file, LogFile.Kind.PARQUET, null, false);
        }
        boolean gzip = name.endsWith(".gz") || gzipMagic(file);
        String first;
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = gzip ? new GZIPInputStream(raw) : raw;
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            first = lines.readLine();
        } catch (EOFException e) {
            warnings.add(file + ": the gzip stream ends before its first line (a truncated file)");
            return null;
        } catch (ZipException e) {
            throw problem(
                    file.toString(),
                    "is not a gzip file: " + e.getMessage(),
                    "give the file as AWS delivered " + "it, or decompress it first");
        } catch (IOException e) {
            throw problem(file.toString(), "cannot be read: " + e.getMessage(), "check the path and its permissions");
        }
        if (first == null || first.isBlank()) {
            warnings.add(file + ": empty");
            return null;
        }
        String head = first.strip();
        boolean headerless = !head.isEmpty() && Character.isDigit(head.charAt(0));
        FlowFormat format = headerless ? FlowFormat.DEFAULT : FlowFormat.fromHeader(file.toString(), head);
        return new LogFile(file, gzip ? LogFile.Kind.GZIP : LogFile.Kind.TEXT, format, !headerless);
    }

    private static boolean gzipMagic(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        } catch (IOException e) {
            return false;
        }
    }

    private static List<Path> files(Path input) {
        if (Files.isRegularFile(input)) {
            return List.of(input);
        }
        if (!Files.isDirectory(input)) {
            throw problem(input.toString(), "no such file or folder", "give the path of a flow log file or a folder");
        }
        try (Stream<Path> walk = Files.walk(input)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(Path::toString))
                    .toList();
        } catch (IOException e) {
            throw problem(input.toString(), "cannot be listed: " + e.getMessage(), "check its permissions");
        }
    }

    static InputException problem(String file, String message, String fix) {
        return new InputException(
                List.of(Diagnostic.error("flows.input", SourceLocation.ofFile(file), "", message, null, fix)));
    }

    private static String sql(String text) {
        return text.replace("'", "''");
    }

    private static long physicalMemoryMb() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize() / (1024 * 1024);
        }
        return 4096;
    }

    @Override
    public String relation() {
        return "flows";
    }

    @Override
    public boolean hasPacketFields() {
        return packetFields;
    }

    @Override
    public Malformed malformed() {
        return malformed;
    }

    /** Files left out, one sentence each (a truncated gzip, an empty file). */
    public List<String> warnings() {
        return warnings;
    }

    public String description() {
        return description;
    }

    @Override
    public List<List<@Nullable String>> rows(String query) {
        try (Statement s = db.createStatement();
                ResultSet r = s.executeQuery(query)) {
            int columns = r.getMetaData().getColumnCount();
            List<List<@Nullable String>> rows = new ArrayList<>();
            while (r.next()) {
                List<@Nullable String> row = new ArrayList<>(columns);
                for (int i = 1; i <= columns; i++) {
                    row.add(r.getString(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB failed on a flows query: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            db.close();
        } catch (SQLException e) {
            // Closing an embedded database that is going away anyway: nothing to do for the user.
        }
        deleteQuietly(work);
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // A temporary folder left behind is no failure of the answers.
        }
    }

    /** Text files with the same fields are read by one scan. */
    private static String formatKey(@Nullable FlowFormat format) {
        return format == null
                ? ""
                : format.fields().stream().map(FlowField::name).collect(Collectors.joining(" "));
    }
}
