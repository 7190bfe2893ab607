package dev.stackwright.cost.pricelist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.cost.CostJson;
import dev.stackwright.cost.Price;
import dev.stackwright.cost.PriceBooks;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/**
 * Whatever AWS's rate steps, the book entry written from them charges what AWS would: the same amount for any use,
 * after turning per-request rates into per-million prices and moving the step limits with them.
 */
class PriceListConversionPropertiesTest {

    /** Step limits (in AWS's units, ascending, distinct) and one price per step, the last step unlimited. */
    record Steps(List<Long> limits, List<BigDecimal> prices) {}

    @Provide
    Arbitrary<Steps> steps() {
        Arbitrary<List<Long>> limits = Arbitraries.longs()
                .between(1, 5_000_000_000L)
                .set()
                .ofMaxSize(3)
                .map(s -> new ArrayList<>(new TreeSet<>(s)));
        return limits.flatMap(l -> Arbitraries.integers()
                .between(1, 9_999_999)
                .map(i -> BigDecimal.valueOf(i, 10))
                .list()
                .ofSize(l.size() + 1)
                .map(p -> new Steps(l, p)));
    }

    @Property(tries = 200)
    void perMillionEntries_chargeWhatAwsStepsCharge(
            @ForAll("steps") Steps steps, @ForAll @LongRange(min = 0, max = 9_000_000_000L) long requests) {
        Price entry = fetched("apigw.http.million-requests", "ApiGatewayHttpRequest", "AmazonApiGateway", steps);
        BigDecimal million = BigDecimal.valueOf(1_000_000);
        BigDecimal book = entry.cost(BigDecimal.valueOf(requests).divide(million, MathContext.DECIMAL128));
        assertThat(book)
                .isCloseTo(awsCost(steps, requests), org.assertj.core.data.Offset.offset(new BigDecimal("0.000001")));
    }

    @Property(tries = 200)
    void perGbEntries_chargeWhatAwsStepsCharge(
            @ForAll("steps") Steps steps, @ForAll @LongRange(min = 0, max = 9_000_000_000L) long gb) {
        Price entry = fetched("vpc-endpoint.interface.gb", "VpcEndpoint-Bytes", "AmazonVPC", steps);
        assertThat(entry.cost(BigDecimal.valueOf(gb)))
                .isCloseTo(awsCost(steps, gb), org.assertj.core.data.Offset.offset(new BigDecimal("0.000001")));
    }

    /** AWS's reading of its steps: each unit at the price of the step it falls in. */
    private static BigDecimal awsCost(Steps s, long quantity) {
        BigDecimal total = BigDecimal.ZERO;
        long from = 0;
        for (int i = 0; i <= s.limits().size(); i++) {
            long to = i < s.limits().size() ? s.limits().get(i) : Long.MAX_VALUE;
            long inStep = Math.max(0, Math.min(quantity, to) - from);
            total = total.add(s.prices().get(i).multiply(BigDecimal.valueOf(inStep)));
            from = to;
        }
        return total;
    }

    private static Price fetched(String key, String usagetype, String service, Steps s) {
        StringBuilder dims = new StringBuilder();
        long begin = 0;
        for (int i = 0; i <= s.limits().size(); i++) {
            String end = i < s.limits().size() ? String.valueOf(s.limits().get(i)) : "Inf";
            dims.append(i == 0 ? "" : ",")
                    .append("\"R")
                    .append(i)
                    .append("\":{\"description\":\"step\",\"beginRange\":\"")
                    .append(begin)
                    .append("\",\"endRange\":\"")
                    .append(end)
                    .append("\",\"unit\":\"u\",\"pricePerUnit\":{\"USD\":\"")
                    .append(s.prices().get(i).toPlainString())
                    .append("\"}}");
            begin = i < s.limits().size() ? s.limits().get(i) : begin;
        }
        String offer = "{\"version\":\"1\",\"products\":{\"S\":{\"sku\":\"S\",\"productFamily\":\"x\",\"attributes\":{"
                + "\"regionCode\":\"ap-southeast-2\",\"usagetype\":\"APS2-" + usagetype + "\"}}},"
                + "\"terms\":{\"OnDemand\":{\"S\":{\"S.T\":{\"priceDimensions\":{" + dims + "}}}}}}";
        PriceListFetch.Result r = PriceListFetch.fetch(
                "ap-southeast-2",
                PriceListFetch.AWS,
                LocalDate.of(2026, 12, 5),
                PriceQuery.builtIn().stream().filter(q -> q.key().equals(key)).toList(),
                uri -> {
                    if (uri.getPath().contains("/" + service + "/")) {
                        return new ByteArrayInputStream(offer.getBytes(StandardCharsets.UTF_8));
                    }
                    throw new NoSuchFileException(uri.toString());
                },
                line -> {});
        assertThat(r.found()).containsExactly(key);
        return PriceBooks.parse("fetched", CostJson.write(r.book())).find(key).orElseThrow();
    }
}
