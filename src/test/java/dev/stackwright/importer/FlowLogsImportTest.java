package dev.stackwright.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.analysis.lint.Finding;
import dev.stackwright.analysis.lint.LintContext;
import dev.stackwright.analysis.lint.rules.FlowLogsOff;
import dev.stackwright.diag.Diagnostic;
import dev.stackwright.importer.cfn.TemplateImporter;
import dev.stackwright.importer.snapshot.Snapshot;
import dev.stackwright.model.Network;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Flow logs in snapshots and templates. CreateFlowLogs "Creates one or more flow logs to capture information about IP
 * traffic for a specific network interface, subnet, or VPC. Flow log data for a monitored network interface is recorded
 * as flow log records" (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateFlowLogs.html): a log on a
 * subnet records the interfaces in it, a log on an interface that interface alone.
 */
class FlowLogsImportTest {
    private static final Map<String, String> ACCOUNT = Map.of("describe-vpcs.json", """
            {"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"}]}""", "describe-subnets.json", """
            {"Subnets": [
              {"SubnetId": "subnet-a", "VpcId": "vpc-1", "CidrBlock": "10.0.1.0/24", "AvailabilityZone": "us-east-1a"},
              {"SubnetId": "subnet-b", "VpcId": "vpc-1", "CidrBlock": "10.0.2.0/24", "AvailabilityZone": "us-east-1b"}]}""");

    private static Imported withFlowLogs(String flowLogs) {
        Map<String, String> files = new TreeMap<>(ACCOUNT);
        files.put("describe-flow-logs.json", flowLogs);
        return Snapshot.read("account", files);
    }

    private static String flowLog(String resource, String status) {
        return """
                {"FlowLogId": "fl-%s", "FlowLogStatus": "%s", "DeliverLogsStatus": "SUCCESS", "ResourceId": "%s",
                 "TrafficType": "ALL", "LogDestinationType": "cloud-watch-logs", "LogGroupName": "flows"}""".formatted(resource, status, resource);
    }

    private static List<Finding> sw007(Network n) {
        return new FlowLogsOff().check(LintContext.of(n, Optional.empty(), OptionalInt.empty()));
    }

    @Test
    void describeFlowLogsOnTheVpc_turnsSw007Off() {
        Network n = withFlowLogs("{\"FlowLogs\": [" + flowLog("vpc-1", "ACTIVE") + "]}")
                .networks()
                .getFirst();

        assertThat(n.flowLogs()).isPresent();
        assertThat(sw007(n)).isEmpty();
    }

    @Test
    void withoutDescribeFlowLogs_sw007StillFires() {
        Network n = Snapshot.read("account", ACCOUNT).networks().getFirst();

        assertThat(n.flowLogs()).isEmpty();
        assertThat(sw007(n)).singleElement().satisfies(f -> assertThat(f.id()).isEqualTo("SW007"));
    }

    @Test
    void flowLogsOnEverySubnet_recordAllTheVpcsTraffic() {
        Imported imported = withFlowLogs(
                "{\"FlowLogs\": [" + flowLog("subnet-a", "ACTIVE") + "," + flowLog("subnet-b", "ACTIVE") + "]}");

        assertThat(sw007(imported.networks().getFirst())).isEmpty();
        assertThat(imported.findings()).noneMatch(d -> d.code().equals("flow-logs-partial"));
    }

    @Test
    void flowLogsOnSomeSubnets_leaveSw007On_andSayWhatIsCovered() {
        Imported imported = withFlowLogs("{\"FlowLogs\": [" + flowLog("subnet-a", "ACTIVE") + "]}");

        assertThat(sw007(imported.networks().getFirst())).hasSize(1);
        assertThat(imported.findings())
                .extracting(Diagnostic::format)
                .anySatisfy(f -> assertThat(f)
                        .contains("describe-flow-logs.json:", "FlowLogs[0]", "only on subnet subnet-a", "SW007"));
    }

    @Test
    void aFlowLogThatIsNotActive_recordsNothing() {
        Network n = withFlowLogs("{\"FlowLogs\": [" + flowLog("vpc-1", "FAILED") + "]}")
                .networks()
                .getFirst();

        assertThat(sw007(n)).hasSize(1);
    }

    @Test
    void templateFlowLogOnASubnetOnly_isPartial() {
        Imported imported = TemplateImporter.read("t.yaml", """
                Resources:
                  Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}
                  A: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, AvailabilityZone: us-east-1a}}
                  B: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.2.0/24, AvailabilityZone: us-east-1b}}
                  Log: {Type: AWS::EC2::FlowLog, Properties: {ResourceType: Subnet, ResourceId: !Ref A, TrafficType: ALL}}
                """, TemplateImporter.Options.defaults());

        assertThat(imported.networks().getFirst().flowLogs()).isEmpty();
        assertThat(imported.findings()).anyMatch(d -> d.code().equals("flow-logs-partial"));
    }
}
