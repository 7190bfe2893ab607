package dev.stackwright.importer;

import dev.stackwright.diag.Diagnostic;
import dev.stackwright.model.Network;

import java.util.List;

/**
 * What an importer read: one network per VPC, in the order the input has them, and every problem it met on the way
 * (what it could not resolve, dangling references, files it could not read), each with its place in the input.
 * Errors mean part of the input could not be read at all; warnings mean something was left out rather than guessed.
 */
public record Imported(List<Network> networks, List<Diagnostic> findings) {
    public Imported {
        networks = List.copyOf(networks);
        findings = findings.stream().sorted(Diagnostic.IN_FILE_ORDER).toList();
    }

    public boolean hasErrors() {
        return findings.stream().anyMatch(Diagnostic::isError);
    }
}
