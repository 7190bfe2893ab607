package dev.stackwright.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.diag.Diagnostic;
import dev.stackwright.importer.cfn.TemplateImporter;
import dev.stackwright.importer.snapshot.Snapshot;
import dev.stackwright.model.Attachment;
import dev.stackwright.model.Network;
import dev.stackwright.model.Peer;
import dev.stackwright.model.SecurityGroup;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The security groups of RDS databases, as AWS attaches them. CreateDBInstance's VpcSecurityGroupIds: "This setting
 * doesn't apply to Amazon Aurora DB instances. The associated list of EC2 VPC security groups is managed by the DB
 * cluster. Default: The default EC2 VPC security group for the DB subnet group's VPC."
 * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html)
 */
class DatabaseGroupsTest {
    private static final String NETWORK = """
            Resources:
              Vpc:
                Type: AWS::EC2::VPC
                Properties: {CidrBlock: 10.0.0.0/16}
              DataA:
                Type: AWS::EC2::Subnet
                Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, AvailabilityZone: us-east-1a}
              DataB:
                Type: AWS::EC2::Subnet
                Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.2.0/24, AvailabilityZone: us-east-1b}
              DbSubnets:
                Type: AWS::RDS::DBSubnetGroup
                Properties: {DBSubnetGroupDescription: db, SubnetIds: [!Ref DataA, !Ref DataB]}
              DbGroup:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: db
                  VpcId: !Ref Vpc
                  SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 5432, ToPort: 5432, CidrIp: 10.0.0.0/16}]
            """;

    private static Network template(String resources) {
        Imported imported = TemplateImporter.read("t.yaml", NETWORK + resources, TemplateImporter.Options.defaults());
        assertThat(imported.hasErrors()).as(imported.findings().toString()).isFalse();
        return imported.networks().getFirst();
    }

    private static Attachment attachment(Network n, String name) {
        return n.attachments().stream()
                .filter(a -> a.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in " + n.attachments()));
    }

    @Test
    void templateDatabaseWithoutGroups_hasTheVpcsDefaultGroup_withAwsDefaultRules() {
        Imported imported = TemplateImporter.read("t.yaml", NETWORK + """
                          Db:
                            Type: AWS::RDS::DBInstance
                            Properties: {Engine: postgres, DBInstanceClass: db.t4g.micro, DBSubnetGroupName: !Ref DbSubnets}
                        """, TemplateImporter.Options.defaults());
        Network n = imported.networks().getFirst();

        assertThat(attachment(n, "Db-DataA").securityGroupNames()).containsExactly("default");
        SecurityGroup group = n.securityGroup("default").orElseThrow();
        assertThat(group.role()).isEqualTo(SecurityGroup.Role.DATABASE);
        // As AWS creates it: inbound from its own members only
        // (https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html).
        assertThat(group.ingress())
                .singleElement()
                .satisfies(r -> assertThat(r.peer()).isEqualTo(new Peer.Group("default")));
        assertThat(imported.findings())
                .extracting(Diagnostic::format)
                .anySatisfy(f -> assertThat(f).contains("t.yaml:", "database Db has no security group", "default"));
    }

    @Test
    void templateAuroraInstance_hasItsClustersGroups() {
        Network n = template("""
                  Cluster:
                    Type: AWS::RDS::DBCluster
                    Properties: {Engine: aurora-postgresql, DBSubnetGroupName: !Ref DbSubnets, VpcSecurityGroupIds: [!Ref DbGroup]}
                  Writer:
                    Type: AWS::RDS::DBInstance
                    Properties: {Engine: aurora-postgresql, DBClusterIdentifier: !Ref Cluster, DBSubnetGroupName: !Ref DbSubnets, DBInstanceClass: db.r6g.large}
                """);

        assertThat(attachment(n, "Writer-DataA").securityGroupNames()).containsExactly("DbGroup");
        assertThat(attachment(n, "Cluster-DataA").securityGroupNames()).containsExactly("DbGroup");
        assertThat(n.securityGroup("default")).isEmpty();
    }

    private static final Map<String, String> SNAPSHOT =
            Map.of("vpcs.json", """
            {"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"}]}""", "subnets.json", """
            {"Subnets": [{"SubnetId": "subnet-a", "VpcId": "vpc-1", "CidrBlock": "10.0.1.0/24", "AvailabilityZone": "us-east-1a"}]}""", "groups.json", """
            {"SecurityGroups": [
              {"GroupId": "sg-def", "GroupName": "default", "VpcId": "vpc-1", "Description": "default VPC security group",
               "IpPermissions": [{"IpProtocol": "-1", "UserIdGroupPairs": [{"GroupId": "sg-def"}]}],
               "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]},
              {"GroupId": "sg-aurora", "GroupName": "aurora", "VpcId": "vpc-1", "Description": "aurora",
               "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432, "IpRanges": [{"CidrIp": "10.0.0.0/16"}]}],
               "IpPermissionsEgress": []}]}""");

    private static Network snapshot(String dbFiles) {
        Map<String, String> files = new java.util.TreeMap<>(SNAPSHOT);
        files.put("describe-db.json", dbFiles);
        Imported imported = Snapshot.read("s", files);
        assertThat(imported.hasErrors()).as(imported.findings().toString()).isFalse();
        return imported.networks().getFirst();
    }

    @Test
    void snapshotDatabaseWithEmptyGroups_hasTheVpcsDefaultGroupFromTheSnapshot() {
        Network n = snapshot("""
                {"DBInstances": [{"DBInstanceIdentifier": "orders", "Engine": "postgres", "Endpoint": {"Port": 5432},
                  "VpcSecurityGroups": [],
                  "DBSubnetGroup": {"VpcId": "vpc-1", "Subnets": [{"SubnetIdentifier": "subnet-a"}]}}]}""");

        // The snapshot's own default group (named by its ID), with the rules the account has, not made-up ones.
        assertThat(attachment(n, "orders").securityGroupNames()).containsExactly("sg-def");
        assertThat(n.securityGroup("sg-def").orElseThrow().role()).isEqualTo(SecurityGroup.Role.DATABASE);
    }

    @Test
    void snapshotAuroraInstances_haveTheirClustersGroups_fromDescribeDbClusters() {
        Network n = snapshot("""
                {"DBClusters": [{"DBClusterIdentifier": "orders-cluster", "Port": 5432,
                  "VpcSecurityGroups": [{"VpcSecurityGroupId": "sg-aurora", "Status": "active"}],
                  "DBClusterMembers": [{"DBInstanceIdentifier": "orders-1", "IsClusterWriter": true}]}],
                 "DBInstances": [{"DBInstanceIdentifier": "orders-1", "Engine": "aurora-postgresql",
                  "DBClusterIdentifier": "orders-cluster", "VpcSecurityGroups": [],
                  "DBSubnetGroup": {"VpcId": "vpc-1", "Subnets": [{"SubnetIdentifier": "subnet-a"}]}}]}""");

        assertThat(attachment(n, "orders-1").securityGroupNames()).containsExactly("aurora");
        assertThat(n.databasePort()).isEqualTo(5432);
    }

    @Test
    void snapshotAuroraInstance_ofAClusterNotInTheInput_isLeftOut_andSaid() {
        Imported imported = Snapshot.read(
                "s",
                Map.of(
                        "vpcs.json", SNAPSHOT.get("vpcs.json"),
                        "subnets.json", SNAPSHOT.get("subnets.json"),
                        "db.json", """
                        {"DBInstances": [{"DBInstanceIdentifier": "orders-1", "DBClusterIdentifier": "gone",
                          "VpcSecurityGroups": [],
                          "DBSubnetGroup": {"Subnets": [{"SubnetIdentifier": "subnet-a"}]}}]}"""));

        assertThat(imported.networks().getFirst().attachments()).isEmpty();
        assertThat(imported.findings())
                .extracting(Diagnostic::format)
                .anySatisfy(
                        f -> assertThat(f).contains("db.json:", "DBInstances[0].DBClusterIdentifier", "cluster gone"));
    }
}
