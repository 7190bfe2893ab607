package dev.stackwright.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.Stackwright;
import dev.stackwright.cli.CliTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With Session Manager as the only way in, the plan says when nothing in the stack can reach the database. */
class DatabaseAdminAccessTest {
    private static final String NOTE = "Nothing in the stack can reach the database for administration";

    @TempDir
    Path dir;

    private static List<String> notes(String yaml) {
        return Stackwright.plan("stackwright.yml", yaml).application().notes();
    }

    @Test
    void fargateWithDatabaseUnderSsm_notesTheBastionAndEcsExec() {
        assertThat(notes("name: shop\nservice:\n  compute: fargate\ndatabase:\n  engine: postgres\n"))
                .contains(NOTE
                        + " (migrations, a SQL shell): access: ssm opens Session Manager on EC2 hosts, and a Fargate service has none. "
                        + "Set network.access: bastion (with bastionCidr) for an SSH host the database admits on port 5432, then tunnel "
                        + "through it (`ssh -L 5432:db.shop.internal:5432 ec2-user@BASTION`), or use ECS Exec into a running task "
                        + "(`aws ecs execute-command`; the service needs enableExecuteCommand and its task role the ssmmessages "
                        + "permissions, which Stackwright does not set).");
    }

    @Test
    void lambdaWithDatabaseUnderSsm_notesTheBastion() {
        assertThat(notes("name: shop\nservice:\n  compute: lambda\ndatabase:\n  engine: mysql\n"))
                .anySatisfy(n -> assertThat(n)
                        .startsWith(NOTE)
                        .contains(
                                "a Lambda function has none",
                                "port 3306",
                                "or run the administration from the function's own code")
                        .doesNotContain("ECS Exec"));
    }

    @Test
    void existingVpc_doesNotSuggestABastionItWouldRefuse() throws IOException {
        Path good = Path.of("src/test/resources/inspect/good").toAbsolutePath();
        Path file = Files.writeString(
                dir.resolve("stackwright.yml"),
                "name: shop\nnetwork:\n  existingVpc: vpc-0good\n" + "  existingVpcSnapshot: " + good
                        + "\nservice: {compute: fargate, port: 8080}\ndatabase: {engine: postgres}\n");
        assertThat(Stackwright.plan(file).application().notes())
                .anySatisfy(n -> assertThat(n)
                        .startsWith(NOTE)
                        .contains(
                                "Run an instance of your own in the VPC that the database security group admits on port 5432")
                        .doesNotContain("access: bastion"));
    }

    @Test
    void noNote_whenAHostOrBastionCanReachIt_orThereIsNoDatabase() {
        assertThat(notes("name: shop\nservice:\n  compute: ecs-ec2\ndatabase:\n  engine: postgres\n"))
                .noneMatch(n -> n.startsWith(NOTE));
        assertThat(notes("""
                         name: shop
                         network:
                           access: bastion
                           bastionCidr: 203.0.113.0/24
                         service:
                           compute: fargate
                         database:
                           engine: postgres
                         """)).noneMatch(n -> n.startsWith(NOTE));
        assertThat(notes("name: shop\nservice:\n  compute: fargate\n")).noneMatch(n -> n.startsWith(NOTE));
    }

    @Test
    void theNote_isShownByPlan_whichStillSucceeds() throws IOException {
        Path file = dir.resolve("stackwright.yml");
        Files.writeString(file, "name: shop\nservice:\n  compute: fargate\ndatabase:\n  engine: postgres\n");
        CliTest.Run r = CliTest.run("plan", "-f", file.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().replaceAll("\\s+", " ")).contains(NOTE);
    }
}
