package dev.stackwright.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.analysis.reach.Exposure;
import dev.stackwright.analysis.reach.Reachability;
import dev.stackwright.importer.Imported;
import dev.stackwright.importer.snapshot.Snapshot;
import dev.stackwright.model.Attachment;
import dev.stackwright.model.Cidr;
import dev.stackwright.model.Network;
import dev.stackwright.model.SecurityGroup;
import dev.stackwright.model.SecurityGroupRule;
import dev.stackwright.model.Subnet;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A synthetic account written as describe-* outputs reads back as the same networks, with the same reachability;
 * the files are the same bytes for the same account; the command line refuses what it should.
 */
class SnapshotWriterTest {
    /** Two VPCs of 100 interfaces (plus their NAT gateways) and 200 rules each. */
    private static final List<Network> ACCOUNT = SyntheticAccount.account(2, 200, 400, 5);

    @Test
    void roundTrip_readsBackTheSameNetworks_withTheSameReachability(@TempDir Path dir) throws IOException {
        SnapshotWriter.write(ACCOUNT, dir);
        Imported imported = Snapshot.read(dir);

        assertThat(imported.findings()).isEmpty();
        assertThat(imported.networks())
                .extracting(Network::stackName)
                .containsExactly("synthetic-prod", "synthetic-prod-v1");
        for (int i = 0; i < ACCOUNT.size(); i++) {
            Network original = ACCOUNT.get(i);
            Network back = imported.networks().get(i);
            assertThat(back.vpc().cidr()).isEqualTo(original.vpc().cidr());
            assertThat(subnets(back)).isEqualTo(subnets(original)).hasSize(6);
            assertThat(back.attachments()).hasSameSizeAs(original.attachments()).hasSize(103);
            assertThat(kinds(back)).isEqualTo(kinds(original).replace("BASTION", "INSTANCE"));
            assertThat(SnapshotWriter.rules(back))
                    .isEqualTo(SnapshotWriter.rules(original))
                    .isGreaterThan(190);
            Map<String, Set<String>> rules = rules(original);
            rules.put(
                    SnapshotWriter.id("sg", original.stackName() + "/default"),
                    Set.of()); // AWS's default group, named by its ID
            assertThat(rules(back)).isEqualTo(rules);

            // What the engine says, attachment by attachment: interfaces come back named by their IDs.
            Function<Attachment, String> as =
                    a -> a.kind() == Attachment.Kind.NAT_GATEWAY ? a.name() : SnapshotWriter.interfaceId(original, a);
            Exposure before = Exposure.of(new Reachability(original));
            Exposure after = Exposure.of(new Reachability(back));
            assertThat(ingress(after, Attachment::name))
                    .isEqualTo(ingress(before, as))
                    .isNotEmpty();
            assertThat(egress(after.toInternet(), Attachment::name))
                    .isEqualTo(egress(before.toInternet(), as))
                    .isNotEmpty();
            assertThat(egress(after.toServices(), Attachment::name))
                    .isEqualTo(egress(before.toServices(), as))
                    .isNotEmpty();
            assertThat(pairs(after)).isEqualTo(pairs(before)).isPositive();
            assertThat(internal(after, Attachment::name)).isEqualTo(internal(before, as));
        }
    }

    @Test
    void sameAccount_sameBytes_otherSeed_otherBytes(@TempDir Path one, @TempDir Path two) throws IOException {
        List<Path> first = SnapshotWriter.write(SyntheticAccount.account(2, 200, 400, 5), one);
        SnapshotWriter.write(SyntheticAccount.account(2, 200, 400, 5), two);
        assertThat(first)
                .extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrderElementsOf(SnapshotWriter.FILES);
        for (String f : SnapshotWriter.FILES) {
            assertThat(Files.mismatch(one.resolve(f), two.resolve(f))).as(f).isEqualTo(-1L);
        }
        Map<String, String> rendered = SnapshotWriter.render(ACCOUNT);
        assertThat(rendered.get("security-groups.json"))
                .isEqualTo(Files.readString(one.resolve("security-groups.json")));
        assertThat(SnapshotWriter.render(SyntheticAccount.account(2, 200, 400, 6))
                        .get("security-groups.json"))
                .isNotEqualTo(rendered.get("security-groups.json"));
    }

    @Test
    void files_lookAsTheAwsCliPrintsThem() {
        Map<String, String> files = SnapshotWriter.render(ACCOUNT);
        assertThat(files.get("vpcs.json"))
                .startsWith("{\n    \"Vpcs\": [\n        {\n            \"CidrBlock\": \"10.0.0.0/21\",\n")
                .endsWith("    ]\n}\n")
                .contains("\"VpcId\": \"vpc-0")
                .doesNotContain("\r");
        assertThat(files.get("subnets.json")).contains("\"Ipv6CidrBlockAssociationSet\": [],");
        assertThat(files.get("vpc-peering-connections.json")).isEqualTo("{\n    \"VpcPeeringConnections\": []\n}\n");
        assertThat(files.get("network-interfaces.json"))
                .contains(
                        "\"Description\": \"RDSNetworkInterface\"",
                        "\"Description\": \"ELB app/",
                        "\"Description\": \"arn:aws:ecs:us-east-1:123456789012:attachment/",
                        "\"InterfaceType\": \"nat_gateway\"",
                        "\"PublicIp\": \"3.80.0.10\"");
    }

    @Test
    void account_splitsTheInterfacesOverVpcs_withBlocksAndNamesOfTheirOwn() {
        List<Network> account = SyntheticAccount.account(3, 301, 602, 1);
        assertThat(account)
                .extracting(n -> n.vpc().cidr().toString())
                .containsExactly("10.0.0.0/21", "10.0.8.0/21", "10.0.16.0/21");
        assertThat(account).extracting(n -> n.attachments().size() - 3).containsExactly(101, 100, 100);
        // A snapshot is one namespace: no name of one VPC is a name in another.
        Set<String> names = new HashSet<>();
        int count = 0;
        for (Network n : account) {
            assertThat(n.subnets())
                    .allSatisfy(
                            s -> assertThat(n.vpc().cidr().contains(s.cidr())).isTrue());
            Set<String> mine = allNames(n);
            names.addAll(mine);
            count += mine.size();
        }
        assertThat(names).hasSize(count);
        assertThat(SyntheticAccount.account(1, 300, 600, 4)).containsExactly(SyntheticAccount.generate(300, 600, 4));
    }

    @Test
    void account_refusesAVpcLargerThanAwsAllows_andTooFewInterfaces() {
        assertThatThrownBy(() -> SyntheticAccount.account(1, 13_000, 26_000, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/15")
                .hasMessageContaining("use at least 2 VPCs");
        assertThatThrownBy(() -> SyntheticAccount.account(4, 30, 90, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 10 interfaces per VPC");
    }

    @Test
    void twoNetworksOfOneName_wouldShareIds_andAreRefused_beforeAnyFileIsWritten(@TempDir Path dir) throws IOException {
        Network n = SyntheticAccount.generate(50, 150, 1);
        assertThatThrownBy(() -> SnapshotWriter.write(List.of(n, n), dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("synthetic-prod")
                .hasMessageContaining("unique");
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void commandLine_writesTheFolder_andRefusesANonEmptyOneWithoutForce(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("acct");
        assertThat(run(out.toString(), "--vpcs", "2", "--enis", "40"))
                .startsWith("0|wrote " + out + ": 2 VPCs, 40 interfaces and 6 NAT gateways");
        assertThat(Snapshot.read(out).hasErrors()).isFalse();
        byte[] before = Files.readAllBytes(out.resolve("network-interfaces.json"));

        String refused = run(out.toString(), "--vpcs", "2", "--enis", "60");
        assertThat(refused).startsWith("2|").contains("is not empty", "--force").doesNotContain("\n");
        assertThat(Files.readAllBytes(out.resolve("network-interfaces.json"))).isEqualTo(before);

        Files.writeString(out.resolve("extra.json"), "{}");
        assertThat(run(out.toString(), "--vpcs=1", "--enis=60", "--force"))
                .startsWith("0|wrote")
                .contains("also holds extra.json");
        assertThat(Snapshot.read(out).networks()).hasSize(1);
    }

    @Test
    void commandLine_badArguments_oneLineAndExit2(@TempDir Path dir) throws IOException {
        String d = dir.resolve("new").toString();
        assertThat(run(d, "--vpcs", "1", "--enis", "ten"))
                .isEqualTo("2|synthetic-account: --enis: 'ten' is not a whole number (--help for usage)");
        assertThat(run(d, "--vpcs", "0", "--enis", "100")).startsWith("2|synthetic-account: --vpcs must be at least 1");
        assertThat(run(d, "--enis", "100")).startsWith("2|synthetic-account: give --vpcs N");
        assertThat(run("--vpcs", "1", "--enis", "100")).startsWith("2|synthetic-account: give the folder to write");
        assertThat(run(d, "--vpcs", "1", "--enis", "100", "--colour"))
                .startsWith("2|synthetic-account: unknown option --colour");
        assertThat(run(d, "--vpcs", "1", "--enis")).startsWith("2|synthetic-account: --enis needs a number");
        assertThat(run(d, "--vpcs", "1", "--enis", "20000"))
                .startsWith("2|synthetic-account: 20000 interfaces in one VPC need a /15");
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertThat(run(file.toString(), "--vpcs", "1", "--enis", "100"))
                .startsWith("2|")
                .contains("is a file, not a folder");
        assertThat(run("--help")).startsWith("0|Usage: synthetic-account.sh DIR --vpcs N --enis N");
        assertThat(Files.exists(Path.of(d))).isFalse();
    }

    // -----------------------------------------------------------------------------------------------------------------

    /** Exit code, then stdout or stderr (whichever has text), trimmed. */
    private static String run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SyntheticSnapshot.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8)
                + (err.size() > 0 && out.size() > 0 ? "\n" : "")
                + err.toString(StandardCharsets.UTF_8);
        return code + "|" + text.strip();
    }

    /** Subnets by block: tier as the reader classifies it from the routes, and zone. */
    private static Map<Cidr, String> subnets(Network n) {
        Map<Cidr, String> out = new TreeMap<>();
        for (Subnet s : n.subnets()) {
            out.put(s.cidr(), s.tier() + " " + s.az().letter());
        }
        return out;
    }

    private static String kinds(Network n) {
        Map<Attachment.Kind, Integer> out = new TreeMap<>();
        n.attachments().forEach(a -> out.merge(a.kind(), 1, Integer::sum));
        out.merge(Attachment.Kind.INSTANCE, out.getOrDefault(Attachment.Kind.BASTION, 0), Integer::sum);
        out.remove(Attachment.Kind.BASTION);
        return out.toString();
    }

    /** Every group's distinct rules, by group name, in and out. */
    private static Map<String, Set<String>> rules(Network n) {
        Map<String, Set<String>> out = new TreeMap<>();
        for (SecurityGroup g : n.securityGroups()) {
            Set<String> rules = new TreeSet<>();
            g.ingress().forEach(r -> rules.add("in " + rule(r)));
            g.egress().forEach(r -> rules.add("out " + rule(r)));
            out.put(g.name(), rules);
        }
        return out;
    }

    private static String rule(SecurityGroupRule r) {
        return r.protocol() + " " + r.ports() + " " + r.peer().describe();
    }

    private static Set<String> ingress(Exposure e, Function<Attachment, String> name) {
        Set<String> out = new TreeSet<>();
        e.fromInternet()
                .forEach(i -> out.add(name.apply(i.attachment()) + " " + i.protocol() + " " + i.ports() + " from "
                        + i.describeSources()));
        return out;
    }

    private static Set<String> egress(List<Exposure.Egress> rows, Function<Attachment, String> name) {
        Set<String> out = new TreeSet<>();
        rows.forEach(r ->
                out.add(name.apply(r.attachment()) + " " + r.destination() + " " + r.protocol() + " " + r.ports()));
        return out;
    }

    private static long pairs(Exposure e) {
        return e.connections().stream().mapToLong(Exposure.Connection::pairs).sum();
    }

    private static Set<String> internal(Exposure e, Function<Attachment, String> name) {
        Set<String> out = new HashSet<>();
        e.internal()
                .forEach(f -> out.add(
                        name.apply(f.from()) + " " + name.apply(f.to()) + " " + f.protocol() + " " + f.ports()));
        return out;
    }

    private static Set<String> allNames(Network n) {
        Set<String> out = new HashSet<>();
        n.subnets().forEach(s -> out.add(s.name()));
        n.securityGroups().forEach(g -> out.add(g.name()));
        n.attachments().forEach(a -> out.add(a.name()));
        n.routeTables().forEach(t -> out.add(t.name()));
        n.networkAcls().forEach(a -> out.add(a.name()));
        out.add(n.stackName());
        return out;
    }
}
