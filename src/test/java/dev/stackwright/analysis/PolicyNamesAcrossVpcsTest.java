package dev.stackwright.analysis;

import static dev.stackwright.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stackwright.SnapshotFolders;
import dev.stackwright.cli.CliTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One policy file for an input whose VPCs have different names: a name selects in the VPCs that have it and nothing
 * in the others (a note says so, once), a name no VPC has is a located error, and {@code vpc:NAME/...} names the VPC.
 *
 * <p>Fixture {@code between/peered-db}: VPC shop (instance web, group web) and VPC ledger (a postgres database in
 * group ledger-db, which admits every port from all of shop), joined by peering connection pcx-1. AWS: "Instances in
 * either VPC can communicate with each other as if they are within the same network."
 * (https://docs.aws.amazon.com/vpc/latest/peering/what-is-vpc-peering.html). {@code between/peered-db.yaml} is the
 * same network as a template, with VPCs Shop and Ledger and groups WebGroup and DbGroup.
 */
class PolicyNamesAcrossVpcsTest {
    static final Path PEERED_DB = Path.of("src/test/resources/between/peered-db");
    static final Path PEERED_DB_TEMPLATE = Path.of("src/test/resources/between/peered-db.yaml");

    @TempDir
    Path dir;

    private Path policy(String yaml) throws IOException {
        return Files.writeString(dir.resolve("policy.yml"), yaml);
    }

    private static CliTest.Run check(Path policy, String... more) {
        List<String> args = new ArrayList<>(List.of("check", "--snapshot", PEERED_DB.toString()));
        args.addAll(List.of(more));
        args.addAll(List.of("--policy", policy.toString()));
        return run(args.toArray(String[]::new));
    }

    private static long count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1L;
    }

    private static JsonNode json(CliTest.Run r) {
        try {
            return new ObjectMapper().readTree(r.out());
        } catch (IOException e) {
            throw new AssertionError(r.out() + r.err(), e);
        }
    }

    private static void noCrash(CliTest.Run r) {
        assertThat(r.code()).as(r.out() + r.err()).isNotEqualTo(70);
        assertThat(r.err()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void aGroupOnlyTheLedgerHas_isGuardedThere_andANoteSaysItSelectsNothingInShop_once() throws IOException {
        // Guarded and named in allow: one note for the name, at its first place (line 4), not one per use.
        Path p = policy("""
                allow:
                  - {from: internet, to: role:front-door, ports: [443]}
                  - {from: web, to: sg:ledger-db, ports: [5432]}
                guarded: [sg:ledger-db]
                """);
        CliTest.Run r = check(p);
        noCrash(r);
        // The group selects the database in ledger: everything but the allowed 5432 from web is a violation.
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out())
                .contains("Policy between VPCs (" + p + "): 2 violations")
                .contains("in VPC ledger is reachable from web-web#subnet-a in VPC shop on tcp 0-5431, 5433-65535")
                .contains("on udp (all ports) over peering pcx-1");
        assertThat(r.out())
                .contains("\nNotes (2)\n")
                .contains(p + ":3:21: note: allow[1].to: `sg:ledger-db` is not in VPC shop: it selects nothing"
                        + " there. Fix: nothing to change if it is meant for VPC ledger only; write"
                        + " `vpc:ledger/sg:ledger-db` to say so, and this note goes.")
                .contains(p + ":3:12: note: allow[1].from: `web` is not in VPC ledger: it selects nothing there.");
        assertThat(count(r.out(), "`sg:ledger-db` is not in VPC shop")).isEqualTo(1);
        assertThat(r.out()).doesNotContain("Import findings");
        // Each VPC alone passes: notes fail nothing.
        assertThat(count(r.out(), "Check passed.")).isEqualTo(2);
    }

    @Test
    void whenTheEntriesAdmitWhatFlows_theCheckPasses_withTheNotes() throws IOException {
        Path p = policy("""
                allow:
                  - {from: web, to: sg:ledger-db, ports: [all], protocol: any}
                guarded: [sg:ledger-db]
                """);
        CliTest.Run r = check(p);
        noCrash(r);
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("Policy between VPCs (" + p + "): passed").endsWith("All 2 VPCs passed.\n");
        assertThat(r.out()).contains("Notes (2)");
    }

    @Test
    void aNameNoVpcHas_isALocatedError_withTheClosestNameOfAnyVpc_andWhoseItIs() throws IOException {
        Path p = policy("""
                guarded:
                  - sg:ledgr-db
                  - ledgr-db
                """);
        CliTest.Run r = check(p);
        noCrash(r);
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err())
                .contains(p + ":2:5: guarded[0]: `ledgr-db` is not a security group of any VPC of the input (shop,"
                        + " ledger). Fix: did you mean `sg:ledger-db` (in VPC ledger)?")
                .contains(p + ":3:5: guarded[1]: `ledgr-db` is not a resource, security group, subnet, tier or role"
                        + " of any VPC of the input (shop, ledger). Fix: did you mean `ledger-db` (in VPC ledger)?")
                .contains("2 problems found.");
    }

    @Test
    void aSelectorNamingTheVpc_isNoNote_andAdmitsOnlySourcesOfThatVpc() throws IOException {
        // The flow is from shop's web: an entry whose sources are ledger's admits nothing of it.
        Path ledgerOnly = policy("""
                allow:
                  - {from: vpc:ledger, to: vpc:ledger/sg:ledger-db, ports: [all], protocol: any}
                guarded: [vpc:ledger/sg:ledger-db]
                """);
        CliTest.Run r = check(ledgerOnly);
        noCrash(r);
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out())
                .contains("Policy between VPCs (" + ledgerOnly + "): 2 violations")
                .contains("in VPC ledger is reachable from web-web#subnet-a in VPC shop on tcp (all ports)")
                .doesNotContain("Notes (");

        Path shop = policy("""
                allow:
                  - {from: vpc:shop/web, to: vpc:ledger/sg:ledger-db, ports: [all], protocol: any}
                guarded: [vpc:ledger/sg:ledger-db]
                """);
        CliTest.Run passes = check(shop);
        assertThat(passes.code()).as(passes.out() + passes.err()).isZero();
        assertThat(passes.out())
                .contains("Policy between VPCs (" + shop + "): passed")
                .doesNotContain("Notes (");
    }

    @Test
    void aQualifierOnlyGuardsItsOwnVpc() throws IOException {
        // `vpc:shop/sg:web` guards nothing in ledger; the database's flows are then judged by nobody.
        Path p = policy("""
                allow: []
                guarded: [vpc:shop/sg:web, vpc:shop]
                """);
        CliTest.Run r = check(p);
        noCrash(r);
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("Policy between VPCs (" + p + "): passed");
    }

    @Test
    void aVpcTheInputDoesNotHave_isALocatedError_withDidYouMean() throws IOException {
        Path p = policy("""
                allow:
                  - {from: vpc:shopp/web, to: vpc:ledger/sg:ledgr-db, ports: [5432]}
                  - {from: vpc:ledger/web, to: vpc:ledger/, ports: [5432]}
                guarded: [vpc:ledger/internet]
                """);
        CliTest.Run r = check(p);
        noCrash(r);
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err())
                .contains(p + ":2:12: allow[0].from: `shopp` is not a VPC of the input (shop, ledger) (got"
                        + " `vpc:shopp/web`). Fix: did you mean `vpc:shop/web`?")
                .contains(p + ":2:31: allow[0].to: `ledgr-db` is not a security group of VPC ledger (got"
                        + " `vpc:ledger/sg:ledgr-db`). Fix: did you mean `vpc:ledger/sg:ledger-db`?")
                .contains(p + ":3:12: allow[1].from: `web` is not a resource, security group, subnet, tier or role of"
                        + " VPC ledger (got `vpc:ledger/web`). Fix: it is in VPC shop: write `vpc:shop/web`.")
                .contains(p + ":3:32: allow[1].to: names nothing after the VPC (got `vpc:ledger/`).")
                .contains(p + ":4:11: guarded[0]: names a VPC, then the internet, which is no VPC's")
                .contains("5 problems found.");
    }

    @Test
    void json_listsTheNotes_andSarif_locatesThemInThePolicyFile() throws IOException {
        Path p = policy("""
                allow:
                  - {from: web, to: sg:ledger-db, ports: [all], protocol: any}
                guarded: [sg:ledger-db]
                """);
        JsonNode json = json(check(p, "--format", "json"));
        assertThat(json.path("passed").asBoolean()).isTrue();
        assertThat(json.path("importFindings").size()).isZero();
        JsonNode notes = json.path("notes");
        assertThat(notes.size()).isEqualTo(2);
        JsonNode group = notes.get(1);
        assertThat(group.path("severity").asText()).isEqualTo("note");
        assertThat(group.path("code").asText()).isEqualTo("policy-name-not-in-vpc");
        assertThat(group.path("file").asText()).isEqualTo(p.toString());
        assertThat(group.path("line").asInt()).isEqualTo(2);
        assertThat(group.path("path").asText()).isEqualTo("allow[0].to");
        assertThat(group.path("message").asText())
                .isEqualTo("`sg:ledger-db` is not in VPC shop: it selects nothing there");

        JsonNode run = json(check(p, "--format", "sarif")).path("runs").get(0);
        assertThat(run.path("tool").path("driver").path("rules").toString()).contains("policy/name-not-in-vpc");
        List<JsonNode> results = new ArrayList<>();
        run.path("results").forEach(results::add);
        List<JsonNode> notesSarif = results.stream()
                .filter(x -> x.path("ruleId").asText().equals("policy/name-not-in-vpc"))
                .toList();
        assertThat(notesSarif).hasSize(2);
        JsonNode note = notesSarif.get(1);
        assertThat(note.path("level").asText()).isEqualTo("note");
        assertThat(note.path("message").path("text").asText()).contains("`sg:ledger-db` is not in VPC shop");
        JsonNode at = note.path("locations").get(0).path("physicalLocation");
        assertThat(at.path("artifactLocation").path("uri").asText()).endsWith("policy.yml");
        assertThat(at.path("region").path("startLine").asInt()).isEqualTo(2);
    }

    @Test
    void theSameNetworkAsATemplate_takesItsLogicalIdsAsVpcNames() throws IOException {
        Path p = policy("""
                allow:
                  - {from: vpc:Shop/Web, to: vpc:Ledger/sg:DbGroup, ports: [all], protocol: any}
                guarded: [vpc:Ledger/sg:DbGroup]
                """);
        CliTest.Run r = run("check", "--template", PEERED_DB_TEMPLATE.toString(), "--policy", p.toString());
        noCrash(r);
        assertThat(r.code()).as(r.out() + r.err()).isZero();

        Path typo = policy("guarded: [vpc:ledger/sg:DbGroup]\n");
        CliTest.Run bad = run("check", "--template", PEERED_DB_TEMPLATE.toString(), "--policy", typo.toString());
        noCrash(bad);
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err())
                .contains("guarded[0]: `ledger` is not a VPC of the input (Shop, Ledger)", "`vpc:Ledger/sg:DbGroup`");
    }

    @Test
    void diagramAndReport_readThePolicyAsCheckDoes_andSayTheNotesOnStderr() throws IOException {
        Path p = policy("guarded: [sg:ledger-db]\n");
        CliTest.Run r = run(
                "diagram",
                "--snapshot",
                PEERED_DB.toString(),
                "--policy",
                p.toString(),
                "-o",
                dir.resolve("d.svg").toString());
        noCrash(r);
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.err()).contains("note: guarded[0]: `sg:ledger-db` is not in VPC shop: it selects nothing there");
    }

    /** The page says the notes too, apart from the import's findings, as check's text does. */
    @Test
    void theReportPage_listsTheNotes_inASectionOfTheirOwn() throws IOException {
        Path p = policy("guarded: [sg:ledger-db]\n");
        Path page = dir.resolve("r.html");
        CliTest.Run r =
                run("report", "--snapshot", PEERED_DB.toString(), "--policy", p.toString(), "-o", page.toString());
        noCrash(r);
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        String html = Files.readString(page);
        assertThat(html)
                .contains(
                        "<li><a href=\"#notes\">Notes</a></li>",
                        "<section id=\"notes\">\n<h2>Notes (1)</h2>",
                        "guarded[0]: `sg:ledger-db` is not in VPC shop: it selects nothing there")
                .doesNotContain("id=\"import-findings\"");
    }

    /**
     * `why` reads the same qualifier: with a database named web in ledger as well as the instance web in shop, the
     * bare name fits both VPCs, and `vpc:NAME/` says which end is which.
     */
    @Test
    void why_readsTheVpcQualifier_forANameTwoVpcsHave() throws IOException {
        Path twin = SnapshotFolders.copiedWithout(PEERED_DB, dir.resolve("twin"));
        Path rds = twin.resolve("rds.json");
        Files.writeString(
                rds,
                Files.readString(rds)
                        .replace("\"DBInstanceIdentifier\": \"ledger-db\"", "\"DBInstanceIdentifier\": \"web\""));
        CliTest.Run bare = run("why", "web", "web", "5432", "--snapshot", twin.toString());
        noCrash(bare);
        assertThat(bare.code()).as(bare.out() + bare.err()).isEqualTo(1);
        assertThat(bare.err()).contains("name the VPC with --vpc");

        CliTest.Run named = run("why", "vpc:shop/web", "vpc:ledger/web", "5432", "--snapshot", twin.toString());
        assertThat(named.code()).as(named.out() + named.err()).isZero();
        assertThat(named.out()).contains("web (shop)", "web (ledger)").endsWith("Reachable.\n");

        CliTest.Run back = run("why", "vpc:ledger/web", "vpc:shop/web", "5432", "--snapshot", twin.toString());
        noCrash(back);
        assertThat(back.out()).as(back.err()).endsWith("Blocked.\n");
    }

    @Test
    void why_saysWhatIsWrongWithAQualifier() {
        CliTest.Run typo = run("why", "vpc:ledgr/ledger-db", "web", "5432", "--snapshot", PEERED_DB.toString());
        CliTest.Run empty = run("why", "vpc:shop", "ledger-db", "5432", "--snapshot", PEERED_DB.toString());
        CliTest.Run elsewhere = run("why", "web", "vpc:shop/ledger-db", "5432", "--snapshot", PEERED_DB.toString());
        CliTest.Run disagrees =
                run("why", "web", "vpc:ledger/ledger-db", "5432", "--snapshot", PEERED_DB.toString(), "--vpc", "shop");
        for (CliTest.Run r : List.of(typo, empty, elsewhere, disagrees)) {
            noCrash(r);
            assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
        }
        assertThat(typo.err())
                .contains("SRC: `ledgr` is not a VPC of the input (shop, ledger). Fix: did you mean "
                        + "`vpc:ledger/ledger-db`?");
        assertThat(empty.err()).contains("SRC: `vpc:shop` names a VPC but nothing in it.");
        assertThat(elsewhere.err()).contains("DST: in shop: `ledger-db` is not a resource", "of this network");
        assertThat(disagrees.err())
                .contains("DST: `vpc:ledger/ledger-db` is in VPC ledger, and --vpc names shop. Fix: leave out --vpc");
    }

    /**
     * A name some VPC knows but cannot use there is not "no VPC's name": an empty tier, or a service as the source,
     * gets that VPC's own reason, as the single-VPC answer gives it.
     */
    @Test
    void why_aKnownNameThatCannotBeUsed_getsItsVpcsReason_notUnknownEverywhere() {
        CliTest.Run emptyTier = run("why", "tier:app", "ledger-db", "5432", "--snapshot", PEERED_DB.toString());
        CliTest.Run service = run("why", "s3", "web", "443", "--snapshot", PEERED_DB.toString());
        CliTest.Run typo = run("why", "webb", "ledger-db", "5432", "--snapshot", PEERED_DB.toString());
        for (CliTest.Run r : List.of(emptyTier, service, typo)) {
            noCrash(r);
            assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
        }
        assertThat(emptyTier.err())
                .contains("SRC: in shop: the app tier holds no resources")
                .doesNotContain("of any VPC");
        assertThat(service.err())
                .contains("SRC: in shop: s3 is an AWS service, which opens no connections into the VPC. Fix: use it "
                        + "as the destination.");
        assertThat(typo.err())
                .contains("`webb` is not a resource, security group, subnet, tier or service of any VPC of the input "
                        + "(shop, ledger). Fix: did you mean `web` (in shop)?");
    }

    @Test
    void aSpec_acceptsItsOwnNameAsTheQualifier_andSaysAnyOtherIsNoVpcOfIt() throws IOException {
        Path spec = Path.of("examples/prod-nat-instances/stackwright.yml");
        String vpc = dev.stackwright.Stackwright.plan(spec).network().stackName();
        Path good = policy("guarded: [vpc:" + vpc + "/role:database]\n");
        CliTest.Run r = run("check", "-f", spec.toString(), "--policy", good.toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).doesNotContain("note");

        Path bad = policy("guarded: [vpc:" + vpc + "x/role:database]\n");
        CliTest.Run wrong = run("check", "-f", spec.toString(), "--policy", bad.toString());
        noCrash(wrong);
        assertThat(wrong.code()).isEqualTo(1);
        assertThat(wrong.err())
                .contains(
                        "guarded[0]: `" + vpc + "x` is not a VPC of the input (" + vpc + ")",
                        "did you mean `vpc:" + vpc + "/role:database`?");
    }
}
