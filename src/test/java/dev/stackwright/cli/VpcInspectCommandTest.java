package dev.stackwright.cli;

import static dev.stackwright.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.deploy.Aws;
import dev.stackwright.deploy.AwsTarget;
import dev.stackwright.deploy.CloudFormation;
import dev.stackwright.deploy.Ec2Describer;
import dev.stackwright.deploy.Identity;
import dev.stackwright.deploy.ServiceTasks;
import dev.stackwright.deploy.TemplateStore;
import dev.stackwright.deploy.vpc.FixtureEc2;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VpcInspectCommandTest {
    private static final String GOOD = FixtureEc2.ROOT.resolve("good").toString();
    private static final String BAD = FixtureEc2.ROOT.resolve("bad").toString();
    private static final String SPEC =
            FixtureEc2.ROOT.resolve("stackwright.yml").toString();

    @AfterEach
    void realSdkAgain() {
        AwsOptions.connector = null;
    }

    @Test
    void goodSnapshot_passes_withTheSubnetTable() {
        CliTest.Run r = run("vpc", "inspect", "vpc-0good", "--snapshot", GOOD, "-f", SPEC);
        assertThat(r.code()).isZero();
        assertThat(r.out())
                .contains(
                        "SUBNET",
                        "ZONE",
                        "CIDR",
                        "TIER",
                        "ROUTE TABLE",
                        "FREE IPS",
                        "subnet-db-b   us-east-1b  10.3.65.0/24  isolated  rtb-0main (main)  251",
                        "ok      instance-types",
                        "The VPC meets every requirement checked.");
        assertThat(r.out()).doesNotContain("FAIL");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void badSnapshot_exitsOne_withEachFailureAndItsFix() {
        CliTest.Run r = run("vpc", "inspect", "vpc-0bad", "--snapshot", BAD, "-f", SPEC);
        assertThat(r.code()).isEqualTo(Main.INPUT_PROBLEM);
        assertThat(r.out())
                .contains(
                        "FAIL    database-subnets",
                        "FAIL    dns-hostnames",
                        "FAIL    cidr",
                        "FAIL    free-ips",
                        "FAIL    instance-types",
                        "Fix: aws ec2 modify-vpc-attribute",
                        "5 requirements fail.");
    }

    @Test
    void json_hasTheSameFacts() {
        CliTest.Run r = run("vpc", "inspect", "vpc-0bad", "--snapshot", BAD, "-f", SPEC, "--format", "json");
        assertThat(r.code()).isEqualTo(Main.INPUT_PROBLEM);
        assertThat(r.out())
                .startsWith("{")
                .contains("\"passed\" : false", "\"tier\" : \"isolated\"", "\"status\" : \"fail\"");
    }

    @Test
    void unknownVpc_namesTheOnesFound() {
        CliTest.Run r = run("vpc", "inspect", "vpc-0goood", "--snapshot", GOOD, "-f", SPEC);
        assertThat(r.code()).isEqualTo(Main.INPUT_PROBLEM);
        assertThat(r.err())
                .contains("VPC vpc-0goood is not in", "found vpc-0good", "Fix: did you mean vpc-0good?")
                .doesNotContain("Exception");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void missingSpecGivenWithF_isAnInputProblem() {
        CliTest.Run r = run(
                "vpc",
                "inspect",
                "vpc-0good",
                "--snapshot",
                GOOD,
                "-f",
                FixtureEc2.ROOT.resolve("none.yml").toString());
        assertThat(r.code()).isEqualTo(Main.INPUT_PROBLEM);
        assertThat(r.err()).contains("none.yml", "file not found");
    }

    @Test
    void missingVpcId_isAUsageError() {
        CliTest.Run r = run("vpc", "inspect", "--snapshot", GOOD);
        assertThat(r.code()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("VPC_ID");
    }

    @Test
    void vpcAlone_listsInspect_andHelpListsVpc() {
        assertThat(run("vpc").out()).contains("inspect");
        assertThat(run("--help").out()).contains("vpc");
    }

    @Test
    void live_goesThroughEc2_withTheRegionOfTheSpec() {
        FixtureEc2 ec2 = new FixtureEc2("good");
        List<AwsTarget> targets = new ArrayList<>();
        AwsOptions.connector = target -> {
            targets.add(target);
            return new Ec2Only(ec2);
        };
        CliTest.Run r = run("vpc", "inspect", "vpc-0good", "-f", SPEC, "--profile", "ops");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("from EC2 in us-east-1", "subnet-app-a", "ok      dns-hostnames");
        assertThat(targets).containsExactly(new AwsTarget("ops", "us-east-1", "the spec", null));
        assertThat(ec2.calls).contains("instance-type-offerings [t3.small] [us-east-1a, us-east-1b]");
    }

    /** AWS with only EC2: the other services are not used by vpc inspect. */
    private record Ec2Only(Ec2Describer ec2) implements Aws {
        @Override
        public String region() {
            return "us-east-1";
        }

        @Override
        public Identity whoami() {
            throw new AssertionError("not used");
        }

        @Override
        public CloudFormation cloudFormation() {
            throw new AssertionError("not used");
        }

        @Override
        public TemplateStore templates() {
            throw new AssertionError("not used");
        }

        @Override
        public ServiceTasks ecs() {
            throw new AssertionError("not used");
        }

        @Override
        public dev.stackwright.deploy.ImageRegistry ecr() {
            throw new AssertionError("not used");
        }

        @Override
        public dev.stackwright.deploy.Protection protection() {
            throw new AssertionError("not used");
        }
    }
}
