package dev.stackwright.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.Stackwright;
import dev.stackwright.deploy.DeployException;
import dev.stackwright.flows.FlowLogTable;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What {@code flows --athena} reads: the names given, else those synth gave the network stack. */
class FlowsAthenaTargetTest {
    private static final Stackwright.Result TO_S3 =
            Stackwright.plan(Path.of("examples/staging-dual-stack/stackwright.yml"));
    private static final Stackwright.Result TO_LOGS =
            Stackwright.plan(Path.of("examples/dev-fargate-api/stackwright.yml"));

    @Test
    void aSpecWithFlowLogsInS3_givesTheStacksNames() {
        FlowLogTable t = FlowsCommand.athenaTarget(TO_S3, null, null, null);
        assertThat(t).isEqualTo(new FlowLogTable("shop_staging_flow_logs", "vpc_flow_logs", "shop-staging-flows"));
        assertThat(t).isEqualTo(FlowLogTable.of("shop", dev.stackwright.model.Environment.STAGING));
    }

    @Test
    void namesGiven_winOverTheSpec() {
        assertThat(FlowsCommand.athenaTarget(TO_S3, "org_logs", "all_vpcs", "analysts"))
                .isEqualTo(new FlowLogTable("org_logs", "all_vpcs", "analysts"));
    }

    @Test
    void withoutASpec_theDatabaseIsNeeded_andTheRestHasAwsDefaults() {
        assertThat(FlowsCommand.athenaTarget(null, "db", null, null))
                .isEqualTo(new FlowLogTable("db", "vpc_flow_logs", "primary"));
        assertThatThrownBy(() -> FlowsCommand.athenaTarget(null, null, null, null))
                .isInstanceOf(DeployException.class)
                .hasMessageContaining("--athena needs --database");
    }

    @Test
    void aSpecWithFlowLogsInCloudWatch_givesNoDatabase() {
        assertThatThrownBy(() -> FlowsCommand.athenaTarget(TO_LOGS, null, null, null))
                .isInstanceOf(DeployException.class)
                .hasMessageContaining("the spec's flow logs do not go to S3");
    }
}
