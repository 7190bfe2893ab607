package dev.stackwright.flows;

import dev.stackwright.diag.Diagnostic;
import dev.stackwright.diag.InputException;
import dev.stackwright.diag.SourceLocation;
import dev.stackwright.diag.Suggestions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The fields of a flow log's records, in order: AWS's default (version 2) format, Stackwright's own custom format, or
 * what a log file's header line names.
 */
public record FlowFormat(List<FlowField> fields) {

    public FlowFormat {
        fields = List.copyOf(fields);
    }

    /** AWS's default format: the version 2 fields. */
    public static final FlowFormat DEFAULT =
            new FlowFormat(FlowField.ALL.stream().filter(f -> f.version() == 2).toList());

    /**
     * The format of the flow logs Stackwright creates: the default fields, then those that let {@code flows} answer
     * directly what a default log leaves to guesswork (docs/spec.md says what each one buys).
     */
    public static final FlowFormat STACKWRIGHT = of(List.of(
            "version",
            "account-id",
            "interface-id",
            "srcaddr",
            "dstaddr",
            "srcport",
            "dstport",
            "protocol",
            "packets",
            "bytes",
            "start",
            "end",
            "action",
            "log-status",
            "vpc-id",
            "subnet-id",
            "instance-id",
            "tcp-flags",
            "type",
            "pkt-srcaddr",
            "pkt-dstaddr",
            "region",
            "az-id",
            "pkt-src-aws-service",
            "pkt-dst-aws-service",
            "flow-direction",
            "traffic-path"));

    /** Fields every answer needs: a log without one of them cannot be read. */
    public static final List<String> REQUIRED = List.of(
            "interface-id",
            "srcaddr",
            "dstaddr",
            "srcport",
            "dstport",
            "protocol",
            "packets",
            "bytes",
            "start",
            "end",
            "action");

    private static FlowFormat of(List<String> names) {
        return new FlowFormat(names.stream()
                .map(n -> FlowField.named(n).orElseThrow(() -> new IllegalArgumentException(n)))
                .toList());
    }

    /** The CloudFormation {@code LogFormat} of this format: {@code ${version} ${account-id} ...}. */
    public String logFormat() {
        return fields.stream().map(f -> "${" + f.name() + "}").collect(Collectors.joining(" "));
    }

    public boolean has(String name) {
        return fields.stream().anyMatch(f -> f.name().equals(name));
    }

    /**
     * The format a header line names ({@code version account-id interface-id ...}). An unknown field, a repeated one or
     * a missing required one is the user's problem, located at its column in {@code file}'s first line.
     */
    public static FlowFormat fromHeader(String file, String header) {
        if (header.chars().anyMatch(c -> (c < 0x20 && c != '\t') || c == 0xFFFD)) {
            // Binary content (an image, an archive of another kind): its bytes would garble the terminal.
            throw new InputException(List.of(Diagnostic.error(
                    "flows.binary",
                    new SourceLocation(file, 1, 1),
                    "",
                    "is not a text flow log: its first line holds binary data",
                    null,
                    "give a flow log as AWS delivers it (text, .gz or .parquet)")));
        }
        List<Diagnostic> problems = new ArrayList<>();
        List<FlowField> fields = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        int column = 1;
        for (String word : header.split(" ", -1)) {
            String name = word.strip();
            SourceLocation at = new SourceLocation(file, 1, column);
            column += word.length() + 1;
            if (name.isEmpty()) {
                continue;
            }
            var field = FlowField.named(name);
            if (field.isEmpty()) {
                String fix = Suggestions.closest(name, FlowField.names())
                        .map(s -> "did you mean `" + s + "`? The header must name AWS's flow log fields")
                        .orElse("the header must name AWS's flow log fields (docs/flows.md lists them)");
                problems.add(Diagnostic.error(
                        "flows.unknown-field", at, "", "unknown flow log field in the header", name, fix));
                continue;
            }
            if (!seen.add(name)) {
                problems.add(Diagnostic.error(
                        "flows.repeated-field",
                        at,
                        "",
                        "the header names this field twice",
                        name,
                        "keep one of them (the records must have one value per header field)"));
                continue;
            }
            fields.add(field.get());
        }
        if (problems.isEmpty()) {
            for (String required : REQUIRED) {
                if (!seen.contains(required)) {
                    problems.add(Diagnostic.error(
                            "flows.missing-field",
                            new SourceLocation(file, 1, 1),
                            "",
                            "the header lacks the field `" + required + "`, which every answer needs",
                            null,
                            "create the flow log with a format that includes ${" + required
                                    + "} (the default format and Stackwright's own both do)"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InputException(problems);
        }
        return new FlowFormat(fields);
    }
}
