package dev.stackwright.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.stackwright.Stackwright;
import dev.stackwright.diag.Diagnostic;
import dev.stackwright.diag.InputException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The price book is data: every entry sourced and dated, tiers split at their boundaries, bad books located. */
class PriceBookTest {
    static final PriceBook BOOK = PriceBooks.builtIn("us-east-1").orElseThrow();

    @TempDir
    Path dir;

    private static List<String> problems(String json) {
        InputException e = catchThrowableOfType(InputException.class, () -> PriceBooks.parse("prices.json", json));
        assertThat(e).as("expected the book to be rejected").isNotNull();
        return e.diagnostics().stream().map(Diagnostic::format).toList();
    }

    @Test
    void builtInBook_everyEntryHasAUnitAnAwsSourceAndAReadDateNoLaterThanTheBook() {
        assertThat(BOOK.region()).isEqualTo("us-east-1");
        assertThat(BOOK.hoursPerMonth()).isEqualByComparingTo("730");
        assertThat(BOOK.prices()).hasSizeGreaterThan(50);
        for (Price p : BOOK.prices().values()) {
            assertThat(p.source())
                    .as(p.key())
                    .matches("https://(aws\\.amazon\\.com|docs\\.aws\\.amazon\\.com|calculator\\.aws)/.*");
            assertReadOnOrBefore(p, BOOK);
            assertThat(p.unit()).as(p.key()).isNotBlank();
            if (!p.isPriced() || p.confidence().equals("unconfirmed")) {
                assertThat(p.note())
                        .as(p.key() + " says why it is not confirmed")
                        .isPresent();
            }
        }
        for (FreeTier f : BOOK.freeTiers().values()) {
            assertThat(BOOK.find(f.appliesTo())).as(f.key()).isPresent();
        }
    }

    /** A read date is a real date, and the book's version is the day its newest figure was read. */
    static void assertReadOnOrBefore(Price p, PriceBook book) {
        assertThat(java.time.LocalDate.parse(p.read()))
                .as(book.region() + " " + p.key() + " read")
                .isBeforeOrEqualTo(java.time.LocalDate.parse(book.version()));
    }

    @Test
    void builtInBook_coversWhatTheIssueLists() {
        assertThat(BOOK.prices())
                .containsKeys(
                        "nat-gateway.hour",
                        "nat-gateway.gb",
                        "regional-nat-gateway.az-hour",
                        "public-ipv4.hour",
                        "ec2.t3.nano.hour",
                        "ec2.t3.large.hour",
                        "ec2.t4g.nano.hour",
                        "ec2.t4g.large.hour",
                        "ec2.m5.large.hour",
                        "ec2.m6g.large.hour",
                        "ebs.gp3.gb-month",
                        "alb.hour",
                        "alb.lcu-hour",
                        "nlb.hour",
                        "apigw.http.million-requests",
                        "apigw.rest.million-requests",
                        "vpc-endpoint.interface.az-hour",
                        "vpc-endpoint.interface.gb",
                        "vpc-endpoint.gateway",
                        "transit-gateway.attachment-hour",
                        "transit-gateway.gb",
                        "vpc-peering.same-az.gb",
                        "data-transfer.inter-az.gb",
                        "data-transfer.internet-out.gb",
                        "fargate.x86.vcpu-hour",
                        "fargate.arm.gb-hour",
                        "lambda.million-requests",
                        "lambda.x86.gb-second",
                        "rds.postgres.db.t4g.micro.single-az.hour",
                        "rds.postgres.db.t4g.micro.multi-az.hour",
                        "rds.gp3.single-az.gb-month",
                        "cloudwatch-logs.ingest.gb",
                        "cloudwatch-logs.storage.gb-month",
                        "cloudwatch-logs.vended.gb",
                        "cloudwatch.alarm.standard.month",
                        "ecr.storage.gb-month",
                        "secrets-manager.secret-month",
                        "route53.hosted-zone.month",
                        "codepipeline.v2.action-minute",
                        "codebuild.general1.small.build-minute");
    }

    @Test
    void internetEgress_tiersSplitAtTheirBoundaries() {
        Price egress = BOOK.find("data-transfer.internet-out.gb").orElseThrow();
        assertThat(egress.cost(new BigDecimal("10240"))).isEqualByComparingTo("921.6");
        assertThat(egress.charge(new BigDecimal("10240"))).hasSize(1);
        // One GB past the first boundary is charged at the second tier's price.
        assertThat(egress.cost(new BigDecimal("10241"))).isEqualByComparingTo("921.685");
        // 10,240 x 0.09 + 40,960 x 0.085 + 8,800 x 0.07
        List<Price.TierCharge> split = egress.charge(new BigDecimal("60000"));
        assertThat(split)
                .extracting(Price.TierCharge::quantity)
                .map(BigDecimal::stripTrailingZeros)
                .containsExactly(new BigDecimal("1.024E+4"), new BigDecimal("4.096E+4"), new BigDecimal("8.8E+3"));
        assertThat(egress.cost(new BigDecimal("60000"))).isEqualByComparingTo("5019.2");
        assertThat(split.get(1).label()).isEqualTo("10,240 to 51,200");
        assertThat(egress.cost(new BigDecimal("200000")).subtract(egress.cost(new BigDecimal("153600"))))
                .isEqualByComparingTo("2320"); // 46,400 GB over 150 TB at $0.05
    }

    @Test
    void restApi_tiers_aThousandMillionRequests() {
        // 333 x 3.50 + 667 x 2.80
        assertThat(BOOK.find("apigw.rest.million-requests").orElseThrow().cost(new BigDecimal("1000")))
                .isEqualByComparingTo("3033.1");
        // 300 x 1.00 + 100 x 0.90
        assertThat(BOOK.find("apigw.http.million-requests").orElseThrow().cost(new BigDecimal("400")))
                .isEqualByComparingTo("390");
    }

    @Test
    void aBookWithProblems_reportsEveryOneAtItsPlace() {
        List<String> all = problems("""
                {
                  "region": "us-east-1",
                  "version": "2026-11-22",
                  "currency": "USD",
                  "hoursPerMonth": {"value": 730},
                  "prices": {
                    "nat-gateway.hour": {"unit": "hour", "price": -1, "source": "https://aws.amazon.com/vpc/pricing/", "read": "2026-11-22", "confidence": "secondary"},
                    "x.gb": {"unit": "GB", "tiers": [{"upTo": 10, "price": 1}, {"upTo": 5, "price": 0.5}, {"price": 0.1}], "source": "aws pricing page", "read": "22/11/2026", "confidence": "sure"}
                  },
                  "freeTiers": {
                    "free": {"appliesTo": "y.gb", "quantity": 5, "unit": "GB", "term": "every month", "source": "https://aws.amazon.com/", "read": "2026-11-22", "confidence": "secondary"}
                  }
                }
                """);
        assertThat(all)
                .containsExactly(
                        "prices.json:7:51: prices.nat-gateway.hour.price: must not be negative (got `-1`). Fix: write the price from the source page.",
                        "prices.json:8:73: prices.x.gb.tiers[1].upTo: must be larger than the tier before (got `5`). Fix: list tiers from the smallest bound up, each upTo cumulative.",
                        "prices.json:8:118: prices.x.gb.source: must be the https URL of the page the figure comes from (got `aws pricing page`). Fix: e.g. `\"source\": \"https://aws.amazon.com/vpc/pricing/\"`.",
                        "prices.json:8:146: prices.x.gb.read: must be a day as yyyy-mm-dd (got `22/11/2026`). Fix: e.g. `\"read\": \"2026-11-22\"`.",
                        "prices.json:8:174: prices.x.gb.confidence: is not one of aws-page, secondary, unconfirmed (got `sure`). Fix: aws-page when read on AWS's page, secondary when quoted by others, unconfirmed otherwise.",
                        "prices.json:11:27: freeTiers.free.appliesTo: names no entry of prices (got `y.gb`). Fix: use one of the keys under prices.");
    }

    @Test
    void aFreeTierNoteWithoutItsText_isReportedAtItsPlace() {
        assertThat(problems("""
                {
                  "region": "us-east-1",
                  "version": "2026-12-05",
                  "currency": "USD",
                  "hoursPerMonth": {"value": 730},
                  "prices": {},
                  "freeTierNote": {"source": "https://aws.amazon.com/free/", "read": "2026-12-05", "confidence": "secondary"}
                }
                """))
                .singleElement()
                .asString()
                .startsWith("prices.json:7:")
                .contains("freeTierNote.text: is missing");
    }

    @Test
    void noBuiltInBook_offersTheEndedTwelveMonthFreeTier_andEachSaysWhy() {
        // AWS replaced 12-month offers with credits for accounts opened from 15 July 2025; the last older account's
        // offers ended 15 July 2026, before these books were read. Offering them would promise savings no one gets.
        for (String region : List.of("us-east-1", "us-west-2", "eu-west-1")) {
            PriceBook book = PriceBooks.builtIn(region).orElseThrow();
            assertThat(book.freeTiers().values())
                    .as(region)
                    .extracting(FreeTier::term)
                    .noneMatch(t -> t.contains("12 months"));
            assertThat(book.freeTierNote())
                    .as(region)
                    .hasValueSatisfying(n -> assertThat(n).contains("15 July 2025", "credits"));
        }
        CostEstimate e = PlannedCosts.estimate(
                dev.stackwright.Stackwright.plan("stackwright.yml", "name: shop\nnetwork: {nat: gateway}\n"), BOOK);
        assertThat(e.freeTiers())
                .extracting(FreeTierLine::key)
                .doesNotContain("public-ipv4", "apigw.http", "alb")
                .contains("data-transfer.internet-out");
        assertThat(CostText.render(e))
                .contains("Free tier (not subtracted: whether it applies depends on your account)\n"
                        + "  Only always-free allowances are listed.");
    }

    @Test
    void notJson_isReportedAtTheLineAndColumn() {
        assertThat(problems("{\n  \"region\": \"us-east-1\",\n  \"version\" \"x\"\n}\n"))
                .singleElement()
                .asString()
                .startsWith("prices.json:3:")
                .contains("this is not valid JSON")
                .contains("Fix: check the commas, quotes and brackets near this place.");
    }

    @Test
    void unknownRegion_withoutABook_saysWhatIsMissingAndHowToAddIt() {
        Stackwright.Result r = Stackwright.plan("stackwright.yml", "name: shop\nregion: ap-southeast-2\n");
        InputException e =
                catchThrowableOfType(InputException.class, () -> PriceBooks.forSpec(r.spec(), Optional.empty()));
        assertThat(e.diagnostics())
                .singleElement()
                .extracting(Diagnostic::format)
                .asString()
                .isEqualTo(
                        "stackwright.yml:2:9: region: has no price book, so nothing can be priced (got `ap-southeast-2`). "
                                + "Fix: run `stackwright prices fetch -f stackwright.yml` to write stackwright-prices/ap-southeast-2.json "
                                + "beside it from AWS's Price List (or write it by hand as docs/cost.md shows), or pass --prices FILE.");
    }

    @Test
    void aDroppedInBook_isFoundBesideTheSpec() throws IOException {
        Path drop = Files.createDirectories(dir.resolve(PriceBooks.DROP_IN_DIR));
        String text = Files.readString(Path.of("src/main/resources/dev/stackwright/cost/prices/us-east-1.json"))
                .replace("\"region\": \"us-east-1\"", "\"region\": \"ap-southeast-2\"");
        Files.writeString(drop.resolve("ap-southeast-2.json"), text);
        Files.writeString(dir.resolve("stackwright.yml"), "name: shop\nregion: ap-southeast-2\n");
        Stackwright.Result r = Stackwright.plan(dir.resolve("stackwright.yml"));
        PriceBook book = PriceBooks.forSpec(r.spec(), Optional.empty());
        assertThat(book.region()).isEqualTo("ap-southeast-2");
        assertThat(book.origin()).endsWith("ap-southeast-2.json");
        assertThat(PriceBooks.forRegion("ap-southeast-2", Optional.empty())).isEmpty();
    }

    @Test
    void anEntryWithoutAConfirmedPrice_isUnpriced_notFree() {
        Price mysql = BOOK.find("rds.mysql.db.t4g.micro.single-az.hour").orElseThrow();
        assertThat(mysql.isPriced()).isFalse();
        assertThat(BOOK.find("vpc-endpoint.gateway").orElseThrow().isPriced()).isTrue();
    }
}
