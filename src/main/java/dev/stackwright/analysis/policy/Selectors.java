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
    /** The prefix of a selector that names its VPC; no kind of name is {@code vpc}, so it cannot be mistaken. */
    static final String VPC = "vpc:";

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

    /**
     * What {@code selector} asks of the VPC named {@code vpc}: itself when unqualified; the part after the qualifier
     * when qualified with this VPC ("" for the whole VPC); empty when qualified with another.
     */
    static Optional<String> local(String selector, String vpc) {
        if (!selector.startsWith(VPC)) {
            return Optional.of(selector);
        }
        String qualified = selector.substring(VPC.length());
        if (qualified.equals(vpc)) {
            return Optional.of("");
        }
        return qualified.startsWith(vpc + "/") ? Optional.of(qualified.substring(vpc.length() + 1)) : Optional.empty();
    }
}
