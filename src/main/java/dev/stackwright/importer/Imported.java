package dev.stackwright.importer;

import dev.stackwright.diag.Diagnostic;
import dev.stackwright.diag.SourceLocation;
import dev.stackwright.model.Network;
import dev.stackwright.model.TransitGateways;
import java.util.List;
import java.util.Map;

/**
 * What an importer read: one network per VPC, in the order the input has them, and every problem it met on the way
 * (what it could not resolve, dangling references, files it could not read), each with its place in the input.
 * Errors mean part of the input could not be read at all; warnings mean something was left out rather than guessed.
 * Transit gateways belong to the account, not to one VPC, so they are beside the networks.
 */
public record Imported(
        List<Network> networks,
        List<Diagnostic> findings,
        Map<String, SourceLocation> places,
        TransitGateways transitGateways) {
    public Imported {
        networks = List.copyOf(networks);
        findings = findings.stream().sorted(Diagnostic.IN_FILE_ORDER).toList();
        places = Map.copyOf(places);
    }

    public Imported(List<Network> networks, List<Diagnostic> findings) {
        this(networks, findings, Map.of(), TransitGateways.NONE);
    }

    /**
     * Where a resource of the networks is declared in the input, by its name in the model (a subnet, security group,
     * route table, network ACL, VPC or resource with addresses).
     */
    public java.util.Optional<SourceLocation> place(String name) {
        return java.util.Optional.ofNullable(places.get(name));
    }

    public boolean hasErrors() {
        return findings.stream().anyMatch(Diagnostic::isError);
    }
}
