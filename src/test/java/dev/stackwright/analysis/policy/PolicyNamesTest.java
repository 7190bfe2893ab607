package dev.stackwright.analysis.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.analysis.reach.AddressSpace;
import dev.stackwright.analysis.reach.Names;
import dev.stackwright.diag.Diagnostic;
import dev.stackwright.importer.snapshot.Snapshot;
import dev.stackwright.model.Attachment;
import dev.stackwright.model.Network;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What a selector selects in each VPC of an input ({@link Selectors}), and the loader's notes on names some VPCs lack.
 * Fixture {@code between/peered-db}: VPC shop (instance web in group web), VPC ledger (a database in group
 * ledger-db).
 */
class PolicyNamesTest {
    static final List<Network> VPCS =
            Snapshot.read(Path.of("src/test/resources/between/peered-db")).networks();

    static Names names(String vpc) {
        Network n =
                VPCS.stream().filter(v -> v.stackName().equals(vpc)).findFirst().orElseThrow();
        return new Names(n, new AddressSpace(n));
    }

    static List<String> selected(String vpc, String selector) {
        return Selectors.select(names(vpc), selector).stream()
                .map(Attachment::name)
                .toList();
    }

    @Test
    void aQualifierIsTheWholeVpcName_notAPrefixOfIt() {
        assertThat(Selectors.local("sg:db", "shop")).contains("sg:db");
        assertThat(Selectors.local("vpc:shop/sg:db", "shop")).contains("sg:db");
        assertThat(Selectors.local("vpc:shop", "shop")).contains("");
        assertThat(Selectors.local("vpc:ledger/sg:db", "shop")).isEmpty();
        assertThat(Selectors.local("vpc:shopping/sg:db", "shop")).isEqualTo(Optional.empty());
        // A VPC whose Name tag has a slash is matched whole.
        assertThat(Selectors.local("vpc:team/ledger/sg:db", "team/ledger")).contains("sg:db");
    }

    @Test
    void aNameSelectsInTheVpcsThatHaveIt_andNothingInTheOthers() {
        assertThat(selected("ledger", "sg:ledger-db")).containsExactly("ledger-db-ledger-db#subnet-b");
        assertThat(selected("shop", "sg:ledger-db")).isEmpty();
        assertThat(selected("ledger", "vpc:ledger/sg:ledger-db")).containsExactly("ledger-db-ledger-db#subnet-b");
        assertThat(selected("ledger", "vpc:shop/sg:ledger-db")).isEmpty();
        assertThat(selected("shop", "vpc:shop")).containsExactly("web-web#subnet-a");
        assertThat(selected("ledger", "vpc:shop")).isEmpty();
    }

    @Test
    void aNameSomeVpcsLack_getsOneNote_atItsFirstPlace() {
        PolicyLoader.Loaded loaded = PolicyLoader.parse(
                "p.yml",
                """
                guarded: [sg:ledger-db, role:database]
                noInternetEgress: [sg:ledger-db, vpc:ledger/sg:ledger-db]
                """,
                VPCS.stream().map(n -> new Names(n, new AddressSpace(n))).toList());
        assertThat(loaded.notes()).hasSize(1);
        Diagnostic note = loaded.notes().getFirst();
        assertThat(note.severity()).isEqualTo(Diagnostic.Severity.NOTE);
        assertThat(note.format())
                .isEqualTo("p.yml:1:11: note: guarded[0]: `sg:ledger-db` is not in VPC shop: it selects nothing there."
                        + " Fix: nothing to change if it is meant for VPC ledger only; write `vpc:ledger/sg:ledger-db`"
                        + " to say so, and this note goes.");
        assertThat(loaded.policy().guarded()).containsExactly("sg:ledger-db", "role:database");
    }

    /** The example in docs/analysis.md that names VPCs parses on shop and ledger, with no note: every name is placed. */
    @Test
    void theDocumentedExampleWithVpcs_parses_withNoNote() throws java.io.IOException {
        String doc = java.nio.file.Files.readString(Path.of("docs/analysis.md"));
        int start = doc.indexOf("```yaml\nallow:\n  - {from: vpc:shop/");
        assertThat(start).as("the example policy with VPCs in docs/analysis.md").isPositive();
        String yaml = doc.substring(start + "```yaml\n".length(), doc.indexOf("```", start + 7));
        PolicyLoader.Loaded loaded = PolicyLoader.parse(
                "analysis.md",
                yaml,
                VPCS.stream().map(n -> new Names(n, new AddressSpace(n))).toList());
        assertThat(loaded.notes()).isEmpty();
        assertThat(loaded.policy().noInternetEgress()).containsExactly("vpc:ledger");
    }

    @Test
    void aNameNothingIsClose_listsTheNamesOfEveryVpc() {
        assertThatThrownBy(() -> PolicyLoader.parse(
                        "p.yml",
                        "guarded: [sg:zzzzzzzz]\n",
                        VPCS.stream()
                                .map(n -> new Names(n, new AddressSpace(n)))
                                .toList()))
                .isInstanceOf(dev.stackwright.diag.InputException.class)
                .hasMessageContaining("`zzzzzzzz` is not a security group of any VPC of the input (shop, ledger)")
                .hasMessageContaining("use one of: sg:web, sg:ledger-db");
    }

    @Test
    void withOneVpc_aPolicyHasNoNotes_andTheBuiltInOneNeither() {
        Names shop = names("shop");
        assertThat(PolicyLoader.parse("p.yml", "guarded: [web]\n", List.of(shop))
                        .notes())
                .isEmpty();
        assertThat(PolicyLoader.loadOrDefaults(null, VPCS).notes()).isEmpty();
    }
}
