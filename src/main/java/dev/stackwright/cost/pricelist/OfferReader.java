package dev.stackwright.cost.pricelist;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads one AWS Price List offer file ({@code offers/v1.0/aws/<service>/<version>/<region>/index.json}) as a
 * stream, keeping only the products the queries ask for and their on-demand rates. The EC2 offer of a region is
 * several hundred MB; this holds one product at a time, plus the matches.
 */
final class OfferReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    /** An on-demand rate step: from {@code begin} to {@code end} (none: no limit) units at {@code usd} each. */
    record Dimension(BigDecimal begin, Optional<BigDecimal> end, BigDecimal usd, String unit, String description) {}

    /** One product that matched an entry's query, with its on-demand rate steps in ascending order. */
    record Rate(String sku, String usagetype, List<Dimension> dimensions) {}

    /** What the file holds for the queries: its version and, per entry key, the matching products. */
    record Offer(String version, String publicationDate, Map<String, List<Rate>> rates) {}

    private OfferReader() {}

    static Offer read(InputStream in, String region, List<PriceQuery> queries) throws IOException {
        String version = "";
        String published = "";
        Map<String, List<String>> keysBySku = new HashMap<>();
        Map<String, String> usagetypeBySku = new HashMap<>();
        Map<String, List<Rate>> rates = new LinkedHashMap<>();
        queries.forEach(q -> rates.put(q.key(), new ArrayList<>()));
        try (JsonParser p = FACTORY.createParser(in)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "version" -> version = p.getText();
                    case "publicationDate" -> published = p.getText();
                    case "products" -> products(p, region, queries, keysBySku, usagetypeBySku);
                    case "terms" -> terms(p, keysBySku, usagetypeBySku, rates);
                    default -> p.skipChildren();
                }
            }
        }
        return new Offer(version, published, rates);
    }

    private static void products(
            JsonParser p,
            String region,
            List<PriceQuery> queries,
            Map<String, List<String>> keysBySku,
            Map<String, String> usagetypeBySku)
            throws IOException {
        expect(p.currentToken(), JsonToken.START_OBJECT);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            p.nextToken();
            JsonNode product = MAPPER.readTree(p);
            JsonNode attrs = product.path("attributes");
            String family = product.path("productFamily").asText();
            for (PriceQuery q : queries) {
                if (q.matches(region, family, attrs)) {
                    String sku = product.path("sku").asText();
                    keysBySku.computeIfAbsent(sku, k -> new ArrayList<>()).add(q.key());
                    usagetypeBySku.put(sku, attrs.path("usagetype").asText());
                }
            }
        }
    }

    private static void terms(
            JsonParser p,
            Map<String, List<String>> keysBySku,
            Map<String, String> usagetypeBySku,
            Map<String, List<Rate>> rates)
            throws IOException {
        expect(p.currentToken(), JsonToken.START_OBJECT);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String termType = p.currentName();
            p.nextToken();
            if (!termType.equals("OnDemand")) {
                p.skipChildren();
                continue;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String sku = p.currentName();
                p.nextToken();
                List<String> keys = keysBySku.get(sku);
                if (keys == null) {
                    p.skipChildren();
                    continue;
                }
                // a SKU with keys was read with its usage type; every query key has its list
                Rate rate =
                        new Rate(sku, Objects.requireNonNull(usagetypeBySku.get(sku)), dimensions(MAPPER.readTree(p)));
                keys.forEach(k -> Objects.requireNonNull(rates.get(k)).add(rate));
            }
        }
    }

    /** Every price dimension of every on-demand term of a product, by ascending begin. */
    private static List<Dimension> dimensions(JsonNode termsOfSku) {
        List<Dimension> out = new ArrayList<>();
        termsOfSku.forEach(term -> term.path("priceDimensions").forEach(d -> {
            if (!d.path("pricePerUnit").path("USD").isTextual()) {
                return; // priced in another currency only (the China regions): not this book's
            }
            String end = d.path("endRange").asText("Inf");
            out.add(new Dimension(
                    new BigDecimal(d.path("beginRange").asText("0")),
                    end.equals("Inf") ? Optional.empty() : Optional.of(new BigDecimal(end)),
                    new BigDecimal(d.path("pricePerUnit").path("USD").asText()),
                    d.path("unit").asText(),
                    d.path("description").asText()));
        }));
        out.sort(Comparator.comparing(Dimension::begin));
        return List.copyOf(out);
    }

    private static void expect(JsonToken actual, JsonToken wanted) throws IOException {
        if (actual != wanted) {
            throw new IOException("not an AWS Price List offer file (expected " + wanted + ", found " + actual + ")");
        }
    }
}
