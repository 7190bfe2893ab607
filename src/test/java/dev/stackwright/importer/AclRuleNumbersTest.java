package dev.stackwright.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.diag.Diagnostic;
import dev.stackwright.importer.snapshot.Snapshot;
import dev.stackwright.model.NetworkAcl;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The rule numbers of network ACL entries as `aws ec2 describe-network-acls` prints them. Rules one adds are numbered
 * 1 to 32766 ("Rule number. Rules are evaluated starting with the lowest numbered rule", "You can't modify or remove
 * this rule", https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html, of the final "*" rule); the CLI prints
 * that final deny as rule 32767 for IPv4 and 32768 for IPv6 (the default ACL of any dual-stack VPC ends with
 * {@code {"Ipv6CidrBlock": "::/0", "RuleNumber": 32768, "RuleAction": "deny", ...}}). Before, every real dual-stack
 * snapshot got a bad-value warning for that entry.
 */
class AclRuleNumbersTest {
    private static Imported withEntries(String entries) {
        return Snapshot.read(
                "account",
                Map.of(
                        "describe-vpcs.json",
                        """
                        {"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16",
                          "Ipv6CidrBlockAssociationSet": [{"Ipv6CidrBlock": "2600:1f18:1::/56",
                            "Ipv6CidrBlockState": {"State": "associated"}}]}]}""",
                        "describe-subnets.json",
                        """
                        {"Subnets": [{"SubnetId": "subnet-a", "VpcId": "vpc-1", "CidrBlock": "10.0.1.0/24",
                          "AvailabilityZone": "us-east-1a"}]}""",
                        "describe-route-tables.json",
                        """
                        {"RouteTables": [{"RouteTableId": "rtb-1", "VpcId": "vpc-1",
                          "Associations": [{"Main": true}],
                          "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local"}]}]}""",
                        "describe-network-acls.json",
                        """
                        {"NetworkAcls": [{"NetworkAclId": "acl-1", "VpcId": "vpc-1", "IsDefault": true,
                          "Associations": [{"SubnetId": "subnet-a"}],
                          "Entries": [%s]}]}""".formatted(entries)));
    }

    private static final String DEFAULT_ENTRIES = """
            {"CidrBlock": "0.0.0.0/0", "Egress": true, "Protocol": "-1", "RuleAction": "allow", "RuleNumber": 100},
            {"Ipv6CidrBlock": "::/0", "Egress": true, "Protocol": "-1", "RuleAction": "allow", "RuleNumber": 101},
            {"CidrBlock": "0.0.0.0/0", "Egress": true, "Protocol": "-1", "RuleAction": "deny", "RuleNumber": 32767},
            {"Ipv6CidrBlock": "::/0", "Egress": true, "Protocol": "-1", "RuleAction": "deny", "RuleNumber": 32768},
            {"CidrBlock": "0.0.0.0/0", "Egress": false, "Protocol": "-1", "RuleAction": "allow", "RuleNumber": 100},
            {"Ipv6CidrBlock": "::/0", "Egress": false, "Protocol": "-1", "RuleAction": "allow", "RuleNumber": 101},
            {"CidrBlock": "0.0.0.0/0", "Egress": false, "Protocol": "-1", "RuleAction": "deny", "RuleNumber": 32767},
            {"Ipv6CidrBlock": "::/0", "Egress": false, "Protocol": "-1", "RuleAction": "deny", "RuleNumber": 32768}""";

    @Test
    void aDualStackDefaultAcl_asTheCliPrintsIt_readsWithoutAWarning() {
        Imported imported = withEntries(DEFAULT_ENTRIES);

        assertThat(imported.findings()).extracting(Diagnostic::code).doesNotContain("bad-value");
        NetworkAcl acl = imported.networks().getFirst().networkAcls().getFirst();
        assertThat(acl.entries())
                .extracting(NetworkAcl.Entry::ruleNumber)
                .containsExactlyInAnyOrder(100, 32767, 100, 32767);
    }

    @Test
    void aRuleNumberPastTheFinalDeny_isStillABadValue() {
        Imported imported = withEntries("""
                {"CidrBlock": "0.0.0.0/0", "Egress": false, "Protocol": "-1", "RuleAction": "allow",
                 "RuleNumber": 40000}""");

        assertThat(imported.findings())
                .filteredOn(d -> d.code().equals("bad-value"))
                .singleElement()
                .satisfies(d -> assertThat(d.message())
                        .contains("a rule number (1 to 32766, or 32767 and 32768 for the final deny)"));
    }
}
