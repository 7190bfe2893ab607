package dev.stackwright.cost.pricelist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.stackwright.cost.CostJson;
import dev.stackwright.cost.PriceBook;
import dev.stackwright.cost.PriceBooks;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A book built from offer files in AWS's Price List layout (src/test/resources/price-list, invented prices): each
 * entry from its product, decoys left alone, conversions to the book's units, and what cannot be had reported.
 */
class PriceListFetchTest {
    static final Path OFFERS = Path.of("src/test/resources/price-list");
    static final LocalDate TODAY = LocalDate.of(2026, 12, 5);

    private static PriceListFetch.Result fetch(URI base) {
        return PriceListFetch.fetch(
                "ap-southeast-2", base, TODAY, PriceQuery.builtIn(), new dev.stackwright.cli.OfferFiles(), line -> {});
    }

    /** An entry's flat price; fails when it is missing or tiered. */
    static BigDecimal flat(PriceBook book, String key) {
        return book.find(key)
                .orElseThrow(() -> new AssertionError("no " + key))
                .flat()
                .orElseThrow();
    }

    @Test
    void theBookLoads_andEachEntryIsItsProductsPrice() {
        PriceListFetch.Result r = fetch(OFFERS.toAbsolutePath().toUri());
        PriceBook book = PriceBooks.parse("fetched", CostJson.write(r.book()));
        assertThat(book.region()).isEqualTo("ap-southeast-2");
        assertThat(book.version()).isEqualTo("2026-12-05");
        assertThat(flat(book, "nat-gateway.hour")).isEqualByComparingTo("0.059"); // not the us-east-1 decoy's 0.045
        assertThat(flat(book, "ebs.gp3.gb-month")).isEqualByComparingTo("0.096");
        // Linux, used capacity: not the Windows product at 0.0099
        assertThat(flat(book, "ec2.t4g.nano.hour")).isEqualByComparingTo("0.0053");
        // The ALB's hour, not the Classic Load Balancer's 0.028
        assertThat(flat(book, "alb.hour")).isEqualByComparingTo("0.0252");
        // Transit Gateway VPC attachments, not VPN ones at 0.05
        assertThat(flat(book, "transit-gateway.attachment-hour")).isEqualByComparingTo("0.07");
        // PostgreSQL and MySQL, single zone and Multi-AZ, each its own product
        assertThat(flat(book, "rds.postgres.db.t4g.micro.single-az.hour")).isEqualByComparingTo("0.021");
        assertThat(flat(book, "rds.mysql.db.t4g.micro.single-az.hour")).isEqualByComparingTo("0.02");
        assertThat(flat(book, "rds.postgres.db.t4g.micro.multi-az.hour")).isEqualByComparingTo("0.042");
        assertThat(book.find("rds.mysql.db.t4g.micro.multi-az.hour")).isEmpty();
        // Where it came from, in the book's own terms
        JsonNode nat = r.book().path("prices").path("nat-gateway.hour");
        assertThat(nat.path("source").asText()).isEqualTo("https://aws.amazon.com/vpc/pricing/");
        assertThat(nat.path("read").asText()).isEqualTo("2026-12-05");
        assertThat(nat.path("confidence").asText()).isEqualTo("aws-page");
        assertThat(nat.path("confirmedVia").asText())
                .endsWith("offers/v1.0/aws/AmazonEC2/current/ap-southeast-2/index.json");
        assertThat(nat.path("note").asText())
                .contains("$0.059 per NAT Gateway Hour", "APS2-NatGateway-Hours", "20261201000000");
        // Facts that are not prices (an instance type's size) come from the us-east-1 book
        assertThat(r.book()
                        .path("prices")
                        .path("ec2.t4g.nano.hour")
                        .path("vcpu")
                        .asInt())
                .isEqualTo(2);
    }

    @Test
    void ratesPerRequest_becomePerMillion_andTheirStepsTooAndTiersJoin() {
        PriceBook book = PriceBooks.parse(
                "fetched", CostJson.write(fetch(OFFERS.toAbsolutePath().toUri()).book()));
        var http = book.find("apigw.http.million-requests").orElseThrow();
        assertThat(http.tiers()).hasSize(2);
        assertThat(http.tiers().get(0).upTo())
                .hasValueSatisfying(u -> assertThat(u).isEqualByComparingTo("300"));
        assertThat(http.tiers().get(0).price()).isEqualByComparingTo("1.2");
        assertThat(http.tiers().get(1).price()).isEqualByComparingTo("1.08");
        // 400 million: 300 x $1.20 + 100 x $1.08
        assertThat(http.cost(new BigDecimal("400"))).isEqualByComparingTo("468");
        assertThat(flat(book, "secrets-manager.10k-api-calls")).isEqualByComparingTo("0.05");
        // Data transfer is listed by where it leaves from (fromRegionCode), not regionCode: the internet tiers, not the
        // inter-region or inbound rows
        var out = book.find("data-transfer.internet-out.gb").orElseThrow();
        assertThat(out.tiers())
                .extracting(t -> t.price().toPlainString())
                .containsExactly("0.114", "0.098", "0.094", "0.092");
        assertThat(flat(book, "data-transfer.inter-az.gb")).isEqualByComparingTo("0.01");
        var vended = book.find("cloudwatch-logs.vended.gb").orElseThrow();
        assertThat(vended.tiers())
                .extracting(t -> t.upTo().map(BigDecimal::intValue).orElse(-1))
                .containsExactly(10240, 30720, 51200, -1);
    }

    @Test
    void whatCannotBeHad_isLeftOutAndSaid_neverGuessed() {
        PriceListFetch.Result r = fetch(OFFERS.toAbsolutePath().toUri());
        // Two secrets products at different prices: the entry is left out, and why is given.
        assertThat(r.leftOut())
                .hasEntrySatisfying(
                        "secrets-manager.secret-month",
                        why -> assertThat(why).contains("2 products with different prices"));
        assertThat(r.book().path("prices").has("secrets-manager.secret-month")).isFalse();
        // No Lambda offer in the folder: its entries are left out, and the offer is named.
        assertThat(r.unreadOffers()).containsKey("AWSLambda");
        assertThat(r.unreadOffers().get("AWSLambda")).startsWith("no offer file at ");
        assertThat(r.leftOut()).containsEntry("lambda.million-requests", "the AWSLambda offer was not read");
        // In an offer that was read, an absent product says which usage type was looked for.
        assertThat(r.leftOut().get("nlb.nlcu-hour")).isEqualTo("no LCUUsage product in the AWSELB offer");
        // Region-independent entries are copied, and say so.
        assertThat(r.copied()).contains("vpc.base", "vpc-endpoint.gateway", "route53.hosted-zone.month");
        assertThat(r.book().path("prices").path("vpc.base").path("note").asText())
                .contains("Copied from the us-east-1 book");
        // Every query ends somewhere: found, copied or left out.
        assertThat(r.found().size() + r.copied().size() + r.leftOut().size())
                .isEqualTo(PriceQuery.builtIn().size());
    }

    @Test
    void freeAllowances_comeOnlyForEntriesTheBookHas() {
        PriceListFetch.Result r = fetch(OFFERS.toAbsolutePath().toUri());
        List<String> applies = new ArrayList<>();
        r.book().path("freeTiers").forEach(f -> applies.add(f.path("appliesTo").asText()));
        assertThat(applies)
                .contains("cloudwatch-logs.ingest.gb", "cloudwatch.alarm.standard.month")
                .doesNotContain("lambda.million-requests", "lambda.x86.gb-second");
        assertThat(r.book().path("freeTierNote").path("text").asText()).contains("15 July 2025");
    }

    @Test
    void overHttp_fromAServerOnLoopback_theSameBook_andAMissingOfferIsA404() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        List<String> asked = new ArrayList<>();
        server.createContext("/", exchange -> {
            asked.add(exchange.getRequestURI().getPath());
            Path file = OFFERS.resolve(exchange.getRequestURI().getPath().substring(1));
            byte[] body = Files.isRegularFile(file) ? Files.readAllBytes(file) : new byte[0];
            exchange.sendResponseHeaders(body.length > 0 ? 200 : 404, body.length > 0 ? body.length : -1);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
            PriceListFetch.Result overHttp = fetch(base);
            PriceListFetch.Result fromFiles = fetch(OFFERS.toAbsolutePath().toUri());
            assertThat(overHttp.found()).isEqualTo(fromFiles.found());
            assertThat(overHttp.book().path("prices").path("alb.lcu-hour").path("price"))
                    .isEqualTo(
                            fromFiles.book().path("prices").path("alb.lcu-hour").path("price"));
            assertThat(overHttp.unreadOffers().get("AWSLambda")).startsWith("HTTP 404 for http://127.0.0.1:");
            assertThat(asked).contains("/offers/v1.0/aws/AmazonEC2/current/ap-southeast-2/index.json");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aLargeOffer_saysHowFarItHasGot() throws IOException {
        List<String> lines = new ArrayList<>();
        Path ec2 = OFFERS.resolve("offers/v1.0/aws/AmazonEC2/current/ap-southeast-2/index.json");
        long size = Files.size(ec2);
        try (var in = new dev.stackwright.cli.OfferFiles(lines::add, size / 3)
                .open(ec2.toAbsolutePath().toUri())) {
            byte[] buffer = new byte[512]; // small reads, as a slow download gives them
            while (in.read(buffer) >= 0) {
                // count them
            }
        }
        // A line at each third of the file (the count is in MB, so 0 for this small one).
        assertThat(lines).hasSize(3).allSatisfy(l -> assertThat(l).isEqualTo("  0 MB read"));
        List<String> quiet = new ArrayList<>();
        try (var in = new dev.stackwright.cli.OfferFiles(quiet::add, Long.MAX_VALUE)
                .open(ec2.toAbsolutePath().toUri())) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        assertThat(quiet).isEmpty();
    }

    @Test
    void usageTypes_matchWithOrWithoutTheRegionPrefix_butNotALongerName() {
        PriceQuery nat = PriceQuery.builtIn().stream()
                .filter(q -> q.key().equals("nat-gateway.hour"))
                .findFirst()
                .orElseThrow();
        assertThat(nat.usagetypeMatches("NatGateway-Hours")).isTrue();
        assertThat(nat.usagetypeMatches("USW2-NatGateway-Hours")).isTrue();
        assertThat(nat.usagetypeMatches("EU-NatGateway-Hours")).isTrue();
        assertThat(nat.usagetypeMatches("USW2-RegionalNatGateway-Hours")).isFalse();
        assertThat(nat.usagetypeMatches("USE1WL1BWAS1-NatGateway-Hours")).isFalse(); // a Wavelength zone
        assertThat(nat.usagetypeMatches("NatGateway-Hours-Extra")).isFalse();
    }

    @Test
    void everyShippedQuery_namesAnEntryOfTheFirstBook_andEveryEntryHasAQuery() {
        PriceBook first = PriceBooks.builtIn("us-east-1").orElseThrow();
        List<String> keys = PriceQuery.builtIn().stream().map(PriceQuery::key).toList();
        assertThat(keys).containsExactlyInAnyOrderElementsOf(first.prices().keySet());
        assertThat(PriceQuery.builtIn())
                .allSatisfy(
                        q -> assertThat(q.copied() || !q.service().isBlank()).isTrue());
    }

    @Test
    void notAnOfferFile_isAnUnreadOffer_notACrash() throws IOException {
        Path dir = Files.createTempDirectory("offers");
        Path bad = dir.resolve("offers/v1.0/aws/AmazonVPC/current/ap-southeast-2/index.json");
        Files.createDirectories(bad.getParent());
        Files.writeString(bad, "[1, 2, 3]");
        PriceListFetch.Result r = fetch(dir.toUri());
        assertThat(r.unreadOffers().get("AmazonVPC")).contains("not an AWS Price List offer file");
        assertThat(r.found()).isEmpty();
        assertThat(Optional.ofNullable(r.leftOut().get("public-ipv4.hour")))
                .contains("the AmazonVPC offer was not read");
    }
}
