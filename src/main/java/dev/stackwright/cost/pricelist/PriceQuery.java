package dev.stackwright.cost.pricelist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How one price book entry is found in AWS's Price List: the offer (service), the usage type without its region
 * prefix, and attributes that must be equal. Or, for an entry that is the same in every region, why it is copied
 * from the us-east-1 book instead. Read from {@code price-queries.json}: which products mean which entry is data.
 *
 * @param regionAttribute the attribute that names the region: {@code regionCode}, or {@code fromRegionCode} for data
 *                        transfer, which AWS lists by where the data leaves from
 * @param perUnit         AWS's units per book unit: 1,000,000 for an entry priced per million requests
 */
public record PriceQuery(
        String key,
        Optional<String> copyReason,
        String service,
        String usagetype,
        Optional<String> productFamily,
        String regionAttribute,
        Map<String, String> attributes,
        BigDecimal perUnit) {

    /** AWS's region prefixes on usage types: {@code USE1-}, {@code USW2-}, {@code EU-}, {@code APS2-}, ... */
    private static final Pattern REGION_PREFIX = Pattern.compile("[A-Z]{2,4}[0-9]{0,2}");

    public PriceQuery {
        attributes = Map.copyOf(attributes);
    }

    /** Whether a product of the offer is this entry's, in {@code region}. */
    boolean matches(String region, String family, JsonNode attrs) {
        if (!region.equals(attrs.path(regionAttribute).asText())
                || !usagetypeMatches(attrs.path("usagetype").asText())) {
            return false;
        }
        if (productFamily.isPresent() && !productFamily.get().equals(family)) {
            return false;
        }
        return attributes.entrySet().stream()
                .allMatch(a -> a.getValue().equals(attrs.path(a.getKey()).asText()));
    }

    /** {@code USW2-NatGateway-Hours} and {@code NatGateway-Hours} match; {@code USW2-RegionalNatGateway-Hours} does not. */
    boolean usagetypeMatches(String actual) {
        if (actual.equals(usagetype)) {
            return true;
        }
        int cut = actual.length() - usagetype.length() - 1;
        return cut > 0
                && actual.endsWith(usagetype)
                && actual.charAt(cut) == '-'
                && REGION_PREFIX.matcher(actual.substring(0, cut)).matches();
    }

    boolean copied() {
        return copyReason.isPresent();
    }

    /** The queries shipped in the jar, in the order of the us-east-1 book. */
    public static List<PriceQuery> builtIn() {
        try (InputStream in = PriceQuery.class.getResourceAsStream("/dev/stackwright/cost/price-queries.json")) {
            return parse(new ObjectMapper().readTree(in).path("queries"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<PriceQuery> parse(JsonNode queries) {
        List<PriceQuery> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = queries.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode q = e.getValue();
            Map<String, String> attributes = new LinkedHashMap<>();
            q.path("attributes")
                    .properties()
                    .forEach(a -> attributes.put(a.getKey(), a.getValue().asText()));
            out.add(new PriceQuery(
                    e.getKey(),
                    Optional.ofNullable(q.get("copy")).map(JsonNode::asText),
                    q.path("service").asText(),
                    q.path("usagetype").asText(),
                    Optional.ofNullable(q.get("productFamily")).map(JsonNode::asText),
                    q.path("regionAttribute").asText("regionCode"),
                    attributes,
                    q.has("perUnit") ? q.get("perUnit").decimalValue() : BigDecimal.ONE));
        }
        return List.copyOf(out);
    }
}
