package dev.stackwright.adopt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stackwright.diag.Diagnostic;
import dev.stackwright.diag.InputException;
import dev.stackwright.diag.SourceLocation;
import dev.stackwright.diag.Suggestions;
import dev.stackwright.importer.Imported;
import dev.stackwright.importer.snapshot.Snapshot;
import dev.stackwright.model.AccessMode;
import dev.stackwright.model.Attachment;
import dev.stackwright.model.ExistingVpc;
import dev.stackwright.model.Intent;
import dev.stackwright.model.NatMode;
import dev.stackwright.model.Network;
import dev.stackwright.model.PlannedNetwork;
import dev.stackwright.model.SecurityGroup;
import dev.stackwright.model.Subnet;
import dev.stackwright.model.Tier;
import dev.stackwright.model.app.FrontDoorKind;
import dev.stackwright.plan.NetworkPlanner;
import dev.stackwright.spec.StackSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Places a project in a VPC the user brings ({@code network.existingVpc}): reads the VPC from a folder of describe-*
 * outputs with the snapshot importer, which classifies its subnets by their routes, then adds what the stack itself
 * creates there (the port-specific security groups) and where its workloads will sit. The result is one model, so
 * {@code plan}, {@code check} and {@code cost} read it as they read a planned network.
 */
public final class ExistingVpcPlanner {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ExistingVpcPlanner() {}

    /** The network with the stack placed in it, and the IDs the templates need. */
    public record Adopted(PlannedNetwork network, ExistingVpc vpc) {}

    static SourceLocation snapshotLocation(StackSpec spec) {
        return spec.source()
                .valueLocation(
                        spec.source().root().path("network").has("existingVpcSnapshot")
                                ? "network.existingVpcSnapshot"
                                : "network.existingVpc");
    }

    /**
     * Places the stack in the VPC the snapshot describes. Pure: reads no file.
     *
     * @throws InputException when the snapshot does not hold the VPC, or the VPC lacks the subnets the stack needs
     */
    public static Adopted plan(StackSpec spec, FrontDoorKind frontDoor, VpcFolder snapshot) {
        String vpcId = spec.network().existingVpc().orElseThrow();
        Path dir = snapshot.dir();
        SourceLocation at = snapshotLocation(spec);
        Map<String, String> files = snapshot.files();
        Imported imported = Snapshot.read(
                dir.getFileName() == null ? vpcId : dir.getFileName().toString(), files);
        if (imported.hasErrors()) {
            throw new InputException(imported.findings());
        }
        Raw raw = Raw.parse(files);
        String name = raw.vpcNames.get(vpcId);
        Optional<Network> found = name == null
                ? Optional.empty()
                : imported.networks().stream()
                        .filter(n -> n.stackName().equals(name))
                        .findFirst();
        if (found.isEmpty()) {
            throw new InputException(List.of(Diagnostic.error(
                    "unknown-vpc",
                    spec.source().valueLocation("network.existingVpc"),
                    "network.existingVpc",
                    "is not in " + dir + " (found "
                            + (raw.vpcNames.isEmpty() ? "no VPC" : String.join(", ", raw.vpcNames.keySet())) + ")",
                    vpcId,
                    Suggestions.closest(vpcId, List.copyOf(raw.vpcNames.keySet()))
                            .map(s -> "did you mean `" + s + "`?")
                            .orElse("add the VPC's `aws ec2 describe-vpcs` output to the folder, or check the ID"))));
        }
        Network vpc = found.get();
        requirements(spec, vpc, frontDoor, at);

        List<SecurityGroup> own = NetworkPlanner.securityGroups(spec, frontDoor, vpc.subnets(), false, false).stream()
                .filter(g -> g.role() != SecurityGroup.Role.NAT && g.role() != SecurityGroup.Role.ENDPOINT)
                .toList();
        List<SecurityGroup> groups = new ArrayList<>(vpc.securityGroups().stream()
                .filter(g -> own.stream().noneMatch(o -> o.name().equals(g.name())))
                .toList());
        groups.addAll(own);
        List<Attachment> attachments = new ArrayList<>(vpc.attachments());
        attachments.addAll(NetworkPlanner.workloads(
                spec, frontDoor, vpc.subnets(), spec.database().isPresent()));
        List<String> advice = new ArrayList<>();
        advice.add("The VPC " + vpcId + " is yours: Stackwright creates only the security groups "
                + String.join(", ", own.stream().map(SecurityGroup::name).toList())
                + " in it and places the app in its subnets; its routes, "
                + "NAT, endpoints and flow logs stay as they are (check them with `stackwright vpc inspect " + vpcId
                + "`).");

        Network network = new Network(
                spec.region(),
                spec.stackName(),
                vpc.vpc(),
                vpc.azs(),
                vpc.subnets(),
                vpc.routeTables(),
                vpc.internetGateway(),
                vpc.nats(),
                vpc.endpoints(),
                groups,
                vpc.networkAcls(),
                vpc.flowLogs(),
                Optional.empty(),
                spec.service().port(),
                spec.database().map(d -> d.port()).orElse(0),
                attachments,
                NetworkPlanner.loadBalancers(spec, frontDoor, attachments),
                vpc.ipv6(),
                // What the snapshot leaves out of the VPC stays unknown with the stack placed in it.
                vpc.omitted());
        // The VPC's NAT is not the spec's to choose: the mode is what its devices show.
        Intent intent = new Intent(
                spec.name(),
                spec.environment(),
                NatMode.of(vpc.nats()),
                spec.network().access() == AccessMode.SSM ? AccessMode.SSM : AccessMode.NONE,
                advice);
        Map<String, String> ids = new TreeMap<>();
        for (Subnet s : vpc.subnets()) {
            raw.subnetIds.entrySet().stream()
                    .filter(e -> e.getKey().equals(vpcId + " " + s.cidr()))
                    .findFirst()
                    .ifPresent(e -> ids.put(s.name(), e.getValue()));
        }
        return new Adopted(
                new PlannedNetwork(network, intent),
                new ExistingVpc(
                        vpcId,
                        dir.toString(),
                        ids,
                        own.stream().map(SecurityGroup::name).toList()));
    }

    /** Subnets in two zones for every tier the stack uses; the full list of checks is `vpc inspect`'s. */
    private static void requirements(StackSpec spec, Network vpc, FrontDoorKind frontDoor, SourceLocation at) {
        List<Diagnostic> problems = new ArrayList<>();
        String id = spec.network().existingVpc().orElseThrow();
        need(problems, vpc, Tier.APP, "private", "the app tasks or functions", at, id);
        if (frontDoor == FrontDoorKind.ALB) {
            need(problems, vpc, Tier.PUBLIC, "public", "the load balancer", at, id);
        }
        if (spec.database().isPresent()) {
            need(problems, vpc, Tier.DATA, "isolated", "the database", at, id);
        }
        if (!problems.isEmpty()) {
            throw new InputException(problems);
        }
    }

    private static void need(
            List<Diagnostic> problems,
            Network vpc,
            Tier tier,
            String kind,
            String forWhat,
            SourceLocation at,
            String id) {
        long zones = vpc.subnets(tier).stream().map(Subnet::az).distinct().count();
        if (zones < 2) {
            problems.add(Diagnostic.error(
                    "existing-vpc-subnets",
                    at,
                    "network.existingVpc",
                    "the VPC has " + kind + " subnets in " + zones + (zones == 1 ? " zone" : " zones") + ", but "
                            + forWhat + " need them in two",
                    id,
                    "add " + kind + " subnets in a second zone, or run `stackwright vpc inspect " + id
                            + "` to see how its subnets are classified"));
        }
    }

    /** The few facts the model does not keep: VPC and subnet IDs. */
    private record Raw(Map<String, String> vpcNames, Map<String, String> subnetIds) {
        static Raw parse(Map<String, String> files) {
            Map<String, String> vpcs = new TreeMap<>();
            Map<String, String> subnets = new TreeMap<>();
            for (String text : files.values()) {
                JsonNode root;
                try {
                    root = JSON.readTree(text);
                } catch (IOException e) {
                    continue; // The importer has reported it.
                }
                for (JsonNode v : root.path("Vpcs")) {
                    String id = v.path("VpcId").asText();
                    vpcs.put(id, tag(v, "Name").orElse(id));
                }
                for (JsonNode s : root.path("Subnets")) {
                    subnets.put(
                            s.path("VpcId").asText() + " " + s.path("CidrBlock").asText(),
                            s.path("SubnetId").asText());
                }
            }
            return new Raw(vpcs, subnets);
        }

        private static Optional<String> tag(JsonNode item, String key) {
            for (JsonNode t : item.path("Tags")) {
                if (t.path("Key").asText().equals(key)) {
                    return Optional.of(t.path("Value").asText());
                }
            }
            return Optional.empty();
        }
    }
}
