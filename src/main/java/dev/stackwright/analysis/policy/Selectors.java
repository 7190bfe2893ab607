package dev.stackwright.analysis.policy;

import dev.stackwright.analysis.reach.Names;
import dev.stackwright.model.Attachment;
import java.util.List;
import java.util.Optional;

/**
 * What a policy's selector selects in one VPC of the input. A selector may name its VPC: {@code vpc:ledger/sg:db} is
 * ledger's group {@code db} and selects nothing in the other VPCs; {@code vpc:ledger} is every resource of ledger. An
 * unqualified name selects, in each VPC, what that VPC has by that name, and nothing where it has none ({@link
 * PolicyLoader} has made sure some VPC has it).
 */
final class Selectors {
    /** The prefix of a selector that names its VPC ({@link Names#VPC}). */
    static final String VPC = Names.VPC;

    private Selectors() {}

    /** The attachments {@code selector} selects in the network of {@code names}, in network order. */
    static List<Attachment> select(Names names, String selector) {
        Optional<String> here = local(selector, names.network().stackName());
        if (here.isEmpty()) {
            return List.of();
        }
        if (here.get().isEmpty()) {
            return names.network().attachments();
        }
        try {
            return names.select(here.get());
        } catch (Names.Unresolved u) {
            return List.of(); // a name this VPC does not have: another VPC's
        }
    }

    /** What {@code selector} asks of the VPC named {@code vpc} ({@link Names#inVpc}). */
    static Optional<String> local(String selector, String vpc) {
        return Names.inVpc(selector, vpc);
    }
}
