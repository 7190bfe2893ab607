package dev.stackwright.bench;

import dev.stackwright.cost.pricelist.PriceListFetch;
import dev.stackwright.cost.pricelist.PriceQuery;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code stackwright prices fetch} on an EC2 offer of real size, read from memory so the figure is the parsing, not
 * the network: {@code products} synthetic products shaped like AWS's compute-instance rows (about 40 attributes),
 * each with an on-demand term and three reserved terms, as the real file has. AWS's eu-west-1 EC2 offer is 441 MB
 * (September 2026); the benchmark prints the size it built, so the rate can be scaled to it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx3g"})
public class OfferReadBenchmark {
    @Param({"100000"})
    public int products;

    private byte[] offer;

    @Setup(Level.Trial)
    public void build() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 28);
        StringBuilder b = new StringBuilder(4096);
        write(
                out,
                "{\"formatVersion\":\"v1.0\",\"offerCode\":\"AmazonEC2\",\"version\":\"20260910195514\",\"products\":{");
        for (int i = 0; i < products; i++) {
            b.setLength(0);
            String sku = "SKU" + i;
            String type = i == 0 ? "t4g.nano" : "x" + (i % 900) + ".size" + (i / 900);
            b.append(i == 0 ? "" : ",")
                    .append('"')
                    .append(sku)
                    .append("\":{\"sku\":\"")
                    .append(sku)
                    .append("\",\"productFamily\":\"Compute Instance\",\"attributes\":{");
            for (int a = 0; a < 32; a++) {
                b.append("\"attribute")
                        .append(a)
                        .append("\":\"value of attribute ")
                        .append(a)
                        .append(" for ")
                        .append(type)
                        .append("\",");
            }
            b.append("\"regionCode\":\"eu-west-1\",\"usagetype\":\"EU-BoxUsage:")
                    .append(type)
                    .append(
                            "\",\"operation\":\"RunInstances\",\"capacitystatus\":\"Used\",\"preInstalledSw\":\"NA\",\"tenancy\":\"Shared\"")
                    .append(
                            ",\"marketoption\":\"OnDemand\",\"licenseModel\":\"No License required\",\"instanceType\":\"")
                    .append(type)
                    .append("\"}}");
            write(out, b.toString());
        }
        write(out, "},\"terms\":{\"OnDemand\":{");
        for (int i = 0; i < products; i++) {
            write(out, (i == 0 ? "" : ",") + terms("SKU" + i, "JRTCKXETXF", "0.0046000000"));
        }
        write(out, "},\"Reserved\":{");
        for (int i = 0; i < products; i++) {
            write(
                    out,
                    (i == 0 ? "" : ",")
                            + terms(
                                    "SKU" + i,
                                    "4NA7Y494T4",
                                    "0.0030000000",
                                    "6QCMYABX3D",
                                    "0.0000000000",
                                    "HU7G6KETJZ",
                                    "0.0020000000"));
        }
        write(out, "}}}");
        offer = out.toByteArray();
        System.out.printf("%nOfferReadBenchmark: a %,d-byte offer of %,d products%n", offer.length, products);
    }

    /** A SKU's terms: pairs of offer-term code and hourly USD. */
    private static String terms(String sku, String... codesAndPrices) {
        StringBuilder b = new StringBuilder("\"").append(sku).append("\":{");
        for (int t = 0; t < codesAndPrices.length; t += 2) {
            String code = codesAndPrices[t];
            String usd = codesAndPrices[t + 1];
            String rate = sku + "." + code + ".6YS6EN2CT7";
            b.append(t == 0 ? "" : ",")
                    .append("\"")
                    .append(sku)
                    .append('.')
                    .append(code)
                    .append("\":{\"offerTermCode\":\"")
                    .append(code)
                    .append("\",\"sku\":\"")
                    .append(sku)
                    .append("\",\"effectiveDate\":\"2026-09-01T00:00:00Z\",")
                    .append("\"priceDimensions\":{\"")
                    .append(rate)
                    .append("\":{\"rateCode\":\"")
                    .append(rate)
                    .append("\",\"description\":\"$")
                    .append(usd)
                    .append(" per On Demand Linux Instance Hour\",")
                    .append("\"beginRange\":\"0\",\"endRange\":\"Inf\",\"unit\":\"Hrs\",\"pricePerUnit\":{\"USD\":\"")
                    .append(usd)
                    .append("\"},\"appliesTo\":[]}},\"termAttributes\":{}}");
        }
        return b.append('}').toString();
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    /** The whole fetch, with every offer but EC2 absent. */
    @Benchmark
    public PriceListFetch.Result fetchEc2Offer() {
        PriceListFetch.Result r = PriceListFetch.fetch(
                "eu-west-1",
                PriceListFetch.AWS,
                LocalDate.of(2026, 12, 5),
                PriceQuery.builtIn(),
                uri -> {
                    if (uri.getPath().contains("/AmazonEC2/")) {
                        return new ByteArrayInputStream(offer);
                    }
                    throw new NoSuchFileException(uri.toString());
                },
                line -> {});
        if (!r.found().contains("ec2.t4g.nano.hour")) {
            throw new UncheckedIOException(new IOException("the benchmark's offer did not give its one product"));
        }
        return r;
    }
}
