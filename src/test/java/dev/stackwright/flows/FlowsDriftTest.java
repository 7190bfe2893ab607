package dev.stackwright.flows;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drift between intent and traffic on the dev-isolated example: its app tier (10.2.0.0/24 in eu-west-1a) may open
 * MySQL on the data tier (10.2.160.0/24), nothing else may.
 */
class FlowsDriftTest {
    @TempDir
    Path dir;

    @Test
    void acceptedConnections_thePlanDoesNotAllow_areListed_repliesAreNot() throws IOException {
        List<String> records = List.of(
                // app -> database on 3306, and the database's reply: expected, one connection.
                FlowLogs.record(
                        "eni-app",
                        "10.2.0.10",
                        "10.2.160.10",
                        40000,
                        3306,
                        5,
                        500,
                        "ACCEPT",
                        "10.2.160.10",
                        "-",
                        "egress"),
                FlowLogs.record(
                        "eni-db",
                        "10.2.160.10",
                        "10.2.0.10",
                        3306,
                        40000,
                        5,
                        700,
                        "ACCEPT",
                        "10.2.0.10",
                        "-",
                        "egress"),
                // the internet -> database: accepted, so something outside the plan opened it.
                FlowLogs.record(
                        "eni-db",
                        "203.0.113.50",
                        "10.2.160.10",
                        51000,
                        3306,
                        3,
                        300,
                        "ACCEPT",
                        "10.2.160.10",
                        "-",
                        "ingress"),
                // app -> database on SSH: not in the plan either.
                FlowLogs.record(
                        "eni-db",
                        "10.2.0.10",
                        "10.2.160.10",
                        52000,
                        22,
                        2,
                        200,
                        "ACCEPT",
                        "10.2.160.10",
                        "-",
                        "ingress"),
                // rejected traffic is no drift.
                FlowLogs.record(
                        "eni-db",
                        "198.51.100.1",
                        "10.2.160.10",
                        53000,
                        3306,
                        1,
                        60,
                        "REJECT",
                        "10.2.160.10",
                        "-",
                        "ingress"));
        Path log = FlowLogs.write(dir.resolve("flows.log"), FlowLogs.text(records));
        JsonNode a = FlowsCommandTest.json(FlowsCommandTest.cli(
                "flows", log.toString(), "-f", "examples/dev-isolated/stackwright.yml", "--format", "json"));
        JsonNode drift = a.get("drift");
        assertThat(drift.get("checked").asLong()).isEqualTo(3);
        assertThat(FlowsCommandTest.rows(
                        drift.get("unexpected"),
                        "client",
                        "clientAt",
                        "server",
                        "serverAt",
                        "protocol",
                        "port",
                        "flows",
                        "bytes"))
                .containsExactly(
                        "203.0.113.50 outside the VPC 10.2.160.10 data-a tcp 3306 1 300",
                        "10.2.0.10 app-a 10.2.160.10 data-a tcp 22 1 200");

        var text = FlowsCommandTest.cli("flows", log.toString(), "-f", "examples/dev-isolated/stackwright.yml");
        assertThat(text.out()).contains("Accepted but not in the plan (2 of 3 connections checked");
        var without = FlowsCommandTest.cli("flows", log.toString(), "--format", "json");
        assertThat(without.out()).doesNotContain("\"drift\"");
    }
}
