package dev.stackwright.cost.pricelist;

import static dev.stackwright.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.cli.CliTest;
import dev.stackwright.cli.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stackwright prices fetch}: writes a book `cost` then uses, and never overwrites one without being asked. */
class PricesFetchCommandTest {
    @TempDir
    Path dir;

    private String offers() {
        return PriceListFetchTest.OFFERS.toAbsolutePath().toString();
    }

    @Test
    void writesABook_thatCostThenUsesForTheRegion() throws IOException {
        Path book = dir.resolve("stackwright-prices/ap-southeast-2.json");
        CliTest.Run r =
                run("prices", "fetch", "--region", "ap-southeast-2", "--offers", offers(), "--out", book.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(Main.OK);
        assertThat(r.out())
                .startsWith("wrote " + book + ": ")
                .contains("left out", "AWSLambda", "secrets-manager.secret-month");
        assertThat(r.err()).contains("reading AmazonEC2");
        Path spec = dir.resolve("stackwright.yml");
        Files.writeString(spec, "name: shop\nregion: ap-southeast-2\nnetwork: {nat: gateway}\n");
        CliTest.Run cost = run("cost", "-f", spec.toString());
        assertThat(cost.code()).as(cost.err()).isEqualTo(Main.OK);
        // The drop-in book beside the spec is found without --prices; the NAT gateway has the offer's price.
        assertThat(cost.out()).contains("from " + book).contains("730 h x $0.059 = $43.07");
    }

    @Test
    void fromASpec_theRegionIsTheSpecs_andTheBookGoesBesideIt() throws IOException {
        Path spec = dir.resolve("app/stackwright.yml");
        Files.createDirectories(spec.getParent());
        Files.writeString(spec, "name: shop\nregion: ap-southeast-2\nnetwork: {nat: gateway}\n");
        CliTest.Run r = run("prices", "fetch", "-f", spec.toString(), "--offers", offers());
        assertThat(r.code()).as(r.err()).isEqualTo(Main.OK);
        Path book = dir.resolve("app/stackwright-prices/ap-southeast-2.json");
        assertThat(book).exists();
        assertThat(run("cost", "-f", spec.toString()).out()).contains("from " + book);
        // A region that is not the spec's is a usage error, before anything is read.
        CliTest.Run other =
                run("prices", "fetch", "-f", spec.toString(), "--region", "eu-west-1", "--offers", offers());
        assertThat(other.code()).isEqualTo(Main.USAGE);
        assertThat(other.err())
                .contains("--region eu-west-1 is not the region of " + spec + " (ap-southeast-2)")
                .doesNotContain("reading");
    }

    @Test
    void anExistingBook_isLeftAsItIs_unlessForced() throws IOException {
        Path book = dir.resolve("mine.json");
        Files.writeString(book, "{\"my\": \"edits\"}");
        CliTest.Run refused =
                run("prices", "fetch", "--region", "ap-southeast-2", "--offers", offers(), "--out", book.toString());
        assertThat(refused.code()).isEqualTo(Main.INPUT_PROBLEM);
        assertThat(refused.err())
                .contains(book + ":1:1: already exists; it was left as it is", "Fix: pass --merge to update it");
        assertThat(Files.readString(book)).isEqualTo("{\"my\": \"edits\"}");
        CliTest.Run forced = run(
                "prices",
                "fetch",
                "--region",
                "ap-southeast-2",
                "--offers",
                offers(),
                "--out",
                book.toString(),
                "--force");
        assertThat(forced.code()).as(forced.err()).isEqualTo(Main.OK);
        assertThat(Files.readString(book)).contains("\"region\": \"ap-southeast-2\"");
    }

    @Test
    void merge_updatesABook_keepingWhatThePriceListDoesNotGive() throws IOException {
        Path book = dir.resolve("ap-southeast-2.json");
        // A hand-made book: a confirmed Lambda price (no Lambda offer in the fixtures) and an outdated NAT price.
        String own = Files.readString(Path.of("src/main/resources/dev/stackwright/cost/prices/us-east-1.json"))
                .replace("\"region\": \"us-east-1\"", "\"region\": \"ap-southeast-2\"");
        Files.writeString(book, own);
        CliTest.Run r = run(
                "prices",
                "fetch",
                "--region",
                "ap-southeast-2",
                "--offers",
                offers(),
                "--out",
                book.toString(),
                "--merge");
        assertThat(r.code()).as(r.err()).isEqualTo(Main.OK);
        assertThat(r.out()).contains("kept ", "lambda.million-requests");
        var merged = dev.stackwright.cost.PriceBooks.read(book);
        // The Price List's figure replaced the book's own...
        assertThat(PriceListFetchTest.flat(merged, "nat-gateway.hour")).isEqualByComparingTo("0.059");
        // ...and what it does not give is kept as it was.
        assertThat(PriceListFetchTest.flat(merged, "lambda.million-requests")).isEqualByComparingTo("0.2");
        assertThat(merged.find("lambda.million-requests").orElseThrow().read()).isEqualTo("2026-11-22");
    }

    @Test
    void merge_intoAnotherRegionsBook_isRefused() throws IOException {
        Path book = dir.resolve("x.json");
        Files.copy(Path.of("src/main/resources/dev/stackwright/cost/prices/eu-west-1.json"), book);
        CliTest.Run r = run(
                "prices",
                "fetch",
                "--region",
                "ap-southeast-2",
                "--offers",
                offers(),
                "--out",
                book.toString(),
                "--merge");
        assertThat(r.code()).isEqualTo(Main.INPUT_PROBLEM);
        assertThat(r.err())
                .contains("is the book of eu-west-1, not ap-southeast-2")
                .doesNotContain("reading");
        assertThat(Files.readString(book))
                .isEqualTo(Files.readString(Path.of("src/main/resources/dev/stackwright/cost/prices/eu-west-1.json")));
    }

    @Test
    void nothingToRead_isAClearError_andWritesNothing() {
        Path book = dir.resolve("empty.json");
        CliTest.Run r =
                run("prices", "fetch", "--region", "eu-south-2", "--offers", dir.toString(), "--out", book.toString());
        assertThat(r.code()).isEqualTo(Main.INPUT_PROBLEM);
        assertThat(r.err())
                .contains("gave no prices for eu-south-2 (no offer file at ")
                .contains(
                        "Fix: check the region and the connection, or download the offer files and pass --offers DIR");
        assertThat(book).doesNotExist();
    }

    @Test
    void aBadRegion_isRefusedBeforeAnythingIsRead() {
        CliTest.Run r = run(
                "prices",
                "fetch",
                "--region",
                "Sydney",
                "--offers",
                offers(),
                "--out",
                dir.resolve("x.json").toString());
        assertThat(r.code()).isEqualTo(Main.USAGE);
        assertThat(r.err())
                .contains("--region: `Sydney` is not an AWS region code")
                .doesNotContain("reading");
        assertThat(run("prices", "fetch", "--help").out())
                .contains("--region", "--offers", "--force", "--merge", "Price List");
        // Neither a region nor a spec (the tests run where there is no stackwright.yml): say what to give.
        assertThat(Path.of("stackwright.yml")).doesNotExist();
        CliTest.Run none = run("prices", "fetch", "--offers", offers());
        assertThat(none.code()).isEqualTo(Main.USAGE);
        assertThat(none.err()).contains("which region? Give --region REGION, or -f SPEC");
        CliTest.Run both =
                run("prices", "fetch", "--region", "ap-southeast-2", "--force", "--merge", "--offers", offers());
        assertThat(both.code()).isEqualTo(Main.USAGE);
        assertThat(both.err()).contains("--force replaces the file and --merge updates it: choose one");
    }
}
