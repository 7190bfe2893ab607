package dev.stackwright.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.stackwright.Stackwright;
import dev.stackwright.cli.CliTest;
import dev.stackwright.diag.Diagnostic;
import dev.stackwright.diag.InputException;
import dev.stackwright.model.app.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Specs that read well but could never deploy or work are refused, each with its location and a fix. */
class UnworkableSpecTest {
    @TempDir
    Path dir;

    private static List<String> problems(String yaml) {
        InputException e = catchThrowableOfType(InputException.class, () -> Stackwright.plan("stackwright.yml", yaml));
        assertThat(e).as("expected the spec to be rejected").isNotNull();
        return e.diagnostics().stream().map(Diagnostic::format).toList();
    }

    private Path spec(String yaml) throws IOException {
        Path file = dir.resolve("stackwright.yml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void regionTypo_suggestsTheRegion() {
        assertThat(problems("name: shop\nregion: us-est-1\n"))
                .containsExactly(
                        "stackwright.yml:2:9: region: is not an AWS commercial region (got `us-est-1`). Fix: did you mean `us-east-1`?");
    }

    @Test
    void regionWithNothingClose_saysHowToListThem() {
        assertThat(problems("name: shop\nregion: mars\n"))
                .containsExactly(
                        "stackwright.yml:2:9: region: is not an AWS commercial region (got `mars`). Fix: use a region code such as "
                                + "`us-east-1` or `eu-west-1` (`aws ec2 describe-regions` lists yours; GovCloud and China are not supported).");
    }

    @Test
    void regionTypo_isReportedWithTheOtherProblems() {
        assertThat(problems("name: shop\nregion: eu-wset-1\nnetwork:\n  natt: none\n"))
                .containsExactly(
                        "stackwright.yml:2:9: region: is not an AWS commercial region (got `eu-wset-1`). Fix: did you mean `eu-west-1`?",
                        "stackwright.yml:4:3: network.natt: is not a key Stackwright knows. Fix: did you mean `nat`? Rename it.");
    }

    @Test
    void everyListedRegion_isAccepted() {
        for (String region : Regions.COMMERCIAL) {
            assertThat(Stackwright.plan("stackwright.yml", "name: shop\nregion: " + region + "\n"))
                    .as(region)
                    .isNotNull();
        }
        assertThat(Regions.COMMERCIAL)
                .contains("us-east-1", "ca-west-1", "ap-southeast-7", "mx-central-1")
                .isSorted()
                .doesNotHaveDuplicates();
    }

    @Test
    void regionTypo_failsValidateThroughTheCli() throws IOException {
        Path file = spec("name: shop\nregion: us-est-1\n");
        CliTest.Run r = CliTest.run("validate", "-f", file.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err())
                .contains(
                        file
                                + ":2:9: region: is not an AWS commercial region (got `us-est-1`). Fix: did you mean `us-east-1`?");
    }

    @Test
    void initWithAnInvalidName_writesNothing_andGivesTheSpecsMessage() throws IOException {
        Path file = dir.resolve("stackwright.yml");
        CliTest.Run r = CliTest.run("init", "-f", file.toString(), "--name", "Bad_Name");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err())
                .contains(
                        file + ":1:1: --name: is not in the expected form (got `Bad_Name`). "
                                + "Fix: use 2 to 32 lower-case letters, digits and hyphens, starting with a letter, e.g. `orders-api`.");
        assertThat(file).doesNotExist();
        // The loader says the same of the same name in a spec.
        assertThat(problems("name: Bad_Name\n"))
                .containsExactly(
                        "stackwright.yml:1:7: name: is not in the expected form (got `Bad_Name`). "
                                + "Fix: use 2 to 32 lower-case letters, digits and hyphens, starting with a letter, e.g. `orders-api`.");
    }

    @Test
    void initWithAnInvalidName_doesNotReplaceAFileEvenWithForce() throws IOException {
        Path file = spec("name: mine\n");
        CliTest.Run r = CliTest.run("init", "-f", file.toString(), "--force", "--name", "x".repeat(33));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("--name: is not in the expected form");
        assertThat(Files.readString(file)).isEqualTo("name: mine\n");
    }

    @Test
    void initWithAValidName_stillWrites() {
        Path file = dir.resolve("stackwright.yml");
        assertThat(CliTest.run("init", "-f", file.toString(), "--name", "orders-api")
                        .code())
                .isZero();
        assertThat(file).exists();
    }

    @Test
    void postgresVersionOnMysql_namesTheEngineItBelongsTo() {
        assertThat(problems("name: shop\ndatabase:\n  engine: mysql\n  engineVersion: \"16.4\"\n"))
                .containsExactly(
                        "stackwright.yml:4:18: database.engineVersion: is a PostgreSQL version, but the engine is mysql (got `16.4`). "
                                + "Fix: use a MySQL version of major version 5.7, 8.0, 8.4 (e.g. `8.4`), or set `engine: postgres`, "
                                + "or remove engineVersion to take RDS's default.");
    }

    @Test
    void unknownPostgresMajor_listsTheMajorVersions() {
        assertThat(problems("name: shop\ndatabase:\n  engine: postgres\n  engineVersion: \"9.6.24\"\n"))
                .containsExactly(
                        "stackwright.yml:4:18: database.engineVersion: is not a PostgreSQL major version RDS runs (got `9.6.24`). "
                                + "Fix: use a PostgreSQL version of major version 11, 12, 13, 14, 15, 16, 17, 18 (e.g. `18`), "
                                + "or remove engineVersion to take RDS's default.");
    }

    @Test
    void engineVersions_ofEachSupportedMajor_areAccepted() {
        for (String v : List.of("8.0.39", "8.4", "5.7.44")) {
            assertThat(Stackwright.plan(
                            "stackwright.yml",
                            "name: shop\ndatabase:\n  engine: mysql\n  engineVersion: \"" + v + "\"\n"))
                    .as(v)
                    .isNotNull();
        }
        for (String v : List.of("16.4", "17", "11.22")) {
            assertThat(Stackwright.plan(
                            "stackwright.yml",
                            "name: shop\ndatabase:\n  engine: postgres\n  engineVersion: \"" + v + "\"\n"))
                    .as(v)
                    .isNotNull();
        }
        assertThat(Database.Engine.MYSQL.majorOf("8.0.39")).isEqualTo("8.0");
        assertThat(Database.Engine.POSTGRES.majorOf("16.4")).isEqualTo("16");
        assertThat(Database.Engine.MYSQL.offers("8")).isFalse();
    }

    @Test
    void dockerHubImageWithoutNat_isRefused_withThePullThroughCacheName() {
        assertThat(problems("name: shop\nnetwork:\n  nat: none\nservice:\n  compute: fargate\n  image: nginx:1.27\n"))
                .containsExactly(
                        "stackwright.yml:6:10: service.image: is not in a private ECR repository, and with nat: none tasks pull only from ECR in "
                                + "us-east-1, through its endpoints (got `nginx:1.27`). Fix: push the image to ECR in us-east-1, or pull it through "
                                + "an ECR pull-through cache rule for its registry (`ACCOUNT.dkr.ecr.us-east-1.amazonaws.com/docker-hub/library/nginx:1.27`), "
                                + "or use a NAT mode such as `nat: instance`.");
    }

    @Test
    void otherRegistriesWithoutNat_areRefused() {
        assertThat(problems("name: shop\nnetwork:\n  nat: none\nservice:\n  image: public.ecr.aws/nginx/nginx:1.27\n"))
                .singleElement()
                .asString()
                .startsWith("stackwright.yml:5:10: service.image: is not in a private ECR repository")
                .contains("`ACCOUNT.dkr.ecr.us-east-1.amazonaws.com/PREFIX/REPOSITORY:TAG`");
        assertThat(
                        problems(
                                "name: shop\nregion: eu-west-1\nnetwork:\n  nat: none\nservice:\n  image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/shop:1\n"))
                .containsExactly(
                        "stackwright.yml:6:10: service.image: is in ECR in us-east-1, but with nat: none tasks pull only from ECR "
                                + "in the stack's region eu-west-1, through its endpoints (got `123456789012.dkr.ecr.us-east-1.amazonaws.com/shop:1`). "
                                + "Fix: replicate or push the image to ECR in eu-west-1, or use a NAT mode such as `nat: instance`.");
    }

    @Test
    void imagesThatCanBePulledWithoutNat_orWithNat_areAccepted() {
        assertThat(Stackwright.plan(
                        "stackwright.yml",
                        "name: shop\nnetwork:\n  nat: none\nservice:\n  image: "
                                + "123456789012.dkr.ecr.us-east-1.amazonaws.com/docker-hub/library/nginx:1.27\n"))
                .isNotNull();
        assertThat(Stackwright.plan(
                        "stackwright.yml", "name: shop\nnetwork:\n  nat: none\nservice:\n  compute: fargate\n"))
                .isNotNull();
        assertThat(Stackwright.plan(
                        "stackwright.yml", "name: shop\nnetwork:\n  nat: instance\nservice:\n  image: nginx:1.27\n"))
                .isNotNull();
    }

    @Test
    void imageWithoutNat_inASpecWithARegionTypo_doesNotRepeatTheTypo() {
        assertThat(problems("name: shop\nregion: us-est-1\nnetwork:\n  nat: none\nservice:\n  image: nginx:1.27\n"))
                .satisfiesExactly(
                        region -> assertThat(region).contains("did you mean `us-east-1`?"),
                        image -> assertThat(image)
                                .contains(
                                        "pull only from ECR in REGION",
                                        "ACCOUNT.dkr.ecr.REGION.amazonaws.com/docker-hub/library/nginx:1.27")
                                .doesNotContain("us-est-1"));
    }
}
