package dev.stackwright.cost.pricelist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stackwright.cost.CostJson;
import dev.stackwright.cost.pricelist.OfferReader.Dimension;
import dev.stackwright.cost.pricelist.OfferReader.Offer;
import dev.stackwright.cost.pricelist.OfferReader.Rate;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Writes a price book for any region from AWS's Price List offer files, the public, credential-free bulk API that
 * AWS's own pricing pages and calculator draw on. Each entry is found by its {@link PriceQuery}; an entry with no
 * matching product, or several that disagree, is left out and reported, never guessed, so its resources show as
 * unpriced. Units, sources and other facts come from the us-east-1 book, so the new book reads like the shipped ones.
 */
public final class PriceListFetch {
    /** Where AWS publishes the offer files. */
    public static final URI AWS = URI.create("https://pricing.us-east-1.amazonaws.com/");

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> PRICE_FIELDS =
            Set.of("unit", "price", "tiers", "source", "read", "confirmedVia", "confidence", "note");

    /** Opens an offer file by its URL. The reading is the caller's: this package only parses. */
    public interface OfferSource {
        InputStream open(URI uri) throws IOException;
    }

    /**
     * What the fetch made of the Price List.
     *
     * @param leftOut     entries not written, each with why (not found, several prices, offer not read)
     * @param unreadOffers services whose offer file could not be read, each with why
     */
    public record Result(
            String region,
            ObjectNode book,
            List<String> found,
            List<String> copied,
            Map<String, String> leftOut,
            Map<String, String> unreadOffers) {}

    private PriceListFetch() {}

    /**
     * Reads every offer the queries need and builds the book.
     *
     * @param base     the Price List's root ({@link #AWS}, or a folder of downloaded offers laid out the same way)
     * @param today    the read date written into every entry
     * @param progress one line per offer as it is read
     */
    public static Result fetch(
            String region,
            URI base,
            LocalDate today,
            List<PriceQuery> queries,
            OfferSource source,
            Consumer<String> progress) {
        URI root = base.toString().endsWith("/") ? base : URI.create(base + "/");
        ObjectNode usEast1 = builtInBook();
        Map<String, List<PriceQuery>> byService = new LinkedHashMap<>();
        queries.stream()
                .filter(q -> !q.copied())
                .forEach(q -> byService
                        .computeIfAbsent(q.service(), s -> new ArrayList<>())
                        .add(q));

        Map<String, Offer> offers = new LinkedHashMap<>();
        Map<String, URI> readFrom = new LinkedHashMap<>();
        Map<String, String> unread = new LinkedHashMap<>();
        for (Map.Entry<String, List<PriceQuery>> s : byService.entrySet()) {
            URI uri = root.resolve("offers/v1.0/aws/" + s.getKey() + "/current/" + region + "/index.json");
            progress.accept("reading " + s.getKey() + " (" + uri + ")"
                    + (s.getKey().equals("AmazonEC2") ? ", several hundred MB" : ""));
            try (InputStream in = source.open(uri)) {
                offers.put(s.getKey(), OfferReader.read(in, region, s.getValue()));
                readFrom.put(s.getKey(), uri);
            } catch (IOException e) {
                unread.put(s.getKey(), e instanceof NoSuchFileException ? "no offer file at " + uri : e.getMessage());
            }
        }

        ObjectNode prices = NODES.objectNode();
        List<String> found = new ArrayList<>();
        List<String> copied = new ArrayList<>();
        Map<String, String> leftOut = new LinkedHashMap<>();
        for (PriceQuery q : queries) {
            ObjectNode known = (ObjectNode) usEast1.path("prices").path(q.key());
            if (q.copied()) {
                ObjectNode entry = known.deepCopy();
                String copiedBecause =
                        "Copied from the us-east-1 book: " + q.copyReason().get() + ".";
                entry.put("note", entry.has("note") ? entry.get("note").asText() + " " + copiedBecause : copiedBecause);
                prices.set(q.key(), entry);
                copied.add(q.key());
                continue;
            }
            Offer offer = offers.get(q.service());
            if (offer == null) {
                leftOut.put(q.key(), "the " + q.service() + " offer was not read");
                continue;
            }
            // put with its offer
            String problem = entry(
                    q, offer, java.util.Objects.requireNonNull(readFrom.get(q.service())), root, known, today, prices);
            if (problem == null) {
                found.add(q.key());
            } else {
                leftOut.put(q.key(), problem);
            }
        }
        ObjectNode book = book(region, root, today, usEast1, prices);
        return new Result(region, book, List.copyOf(found), List.copyOf(copied), leftOut, unread);
    }

    /** Adds the entry to {@code prices}; returns why it cannot be, or null. */
    private static @Nullable String entry(
            PriceQuery q, Offer offer, URI offerUri, URI root, ObjectNode known, LocalDate today, ObjectNode prices) {
        List<Rate> rates = offer.rates().getOrDefault(q.key(), List.of());
        if (rates.isEmpty()) {
            return "no " + q.usagetype() + " product in the " + q.service() + " offer";
        }
        Set<List<List<BigDecimal>>> distinct = new LinkedHashSet<>();
        for (Rate r : rates) {
            distinct.add(r.dimensions().stream()
                    .map(d -> List.of(d.begin(), d.end().orElse(BigDecimal.valueOf(-1)), d.usd()))
                    .toList());
        }
        if (distinct.size() > 1) {
            return rates.size() + " products with different prices ("
                    + String.join(
                            ", ", rates.stream().map(Rate::usagetype).distinct().toList())
                    + "); the query needs another attribute";
        }
        Rate rate = rates.getFirst();
        List<Dimension> dims = rate.dimensions();
        if (dims.isEmpty()) {
            return "no on-demand price in USD";
        }
        BigDecimal per = q.perUnit();
        ObjectNode entry = NODES.objectNode();
        entry.put("unit", known.path("unit").asText());
        if (dims.size() == 1
                && dims.getFirst().end().isEmpty()
                && dims.getFirst().begin().signum() == 0) {
            entry.put("price", CostJson.exact(dims.getFirst().usd().multiply(per)));
        } else {
            ArrayNode tiers = entry.putArray("tiers");
            BigDecimal expectedBegin = BigDecimal.ZERO;
            for (Dimension d : dims) {
                if (expectedBegin == null || d.begin().compareTo(expectedBegin) != 0) {
                    return "its rate steps do not join (one starts at "
                            + d.begin().toPlainString() + ")";
                }
                ObjectNode tier = tiers.addObject();
                d.end().ifPresent(end -> tier.put("upTo", CostJson.exact(end.divide(per, MathContext.DECIMAL64))));
                tier.put("price", CostJson.exact(d.usd().multiply(per)));
                expectedBegin = d.end().orElse(null);
            }
            if (dims.getLast().end().isPresent()) {
                return "its last rate step has a limit";
            }
        }
        known.properties().forEach(f -> {
            if (!PRICE_FIELDS.contains(f.getKey())) {
                entry.set(f.getKey(), f.getValue().deepCopy()); // vcpu, memoryGb, LCU dimensions: not regional prices
            }
        });
        entry.put("source", known.path("source").asText());
        entry.put("read", today.toString());
        entry.put("confirmedVia", confirmedVia(offer, offerUri, root));
        entry.put("confidence", "aws-page");
        entry.put(
                "note",
                "AWS Price List, " + q.service() + " offer " + offer.version() + ": \""
                        + dims.getFirst().description()
                        + "\" (" + rate.usagetype() + ", SKU " + rate.sku() + ")"
                        + (per.compareTo(BigDecimal.ONE) == 0
                                ? ""
                                : "; AWS's rate x " + per.toPlainString() + " for the book's unit")
                        + ".");
        prices.set(q.key(), entry);
        return null;
    }

    /**
     * The fetched book with the entries of an existing book for the same region that the Price List did not give (a
     * hand-confirmed figure, an entry AWS lists under a name the queries miss). Fetched entries win; kept ones stay as
     * they were, in the us-east-1 book's order.
     *
     * @return the merged book, and the keys kept from the existing one
     */
    public static Merged merge(Result fetched, JsonNode existing) {
        ObjectNode book = fetched.book().deepCopy();
        ObjectNode prices = (ObjectNode) book.get("prices");
        List<String> kept = new ArrayList<>();
        existing.path("prices").properties().forEach(e -> {
            if (!prices.has(e.getKey())) {
                prices.set(e.getKey(), e.getValue().deepCopy());
                kept.add(e.getKey());
            }
        });
        List<String> order = new ArrayList<>();
        builtInBook().path("prices").fieldNames().forEachRemaining(order::add);
        ObjectNode sorted = NODES.objectNode();
        prices.properties().stream()
                .sorted(java.util.Comparator.comparingInt(
                        e -> order.contains(e.getKey()) ? order.indexOf(e.getKey()) : order.size()))
                .forEach(e -> sorted.set(e.getKey(), e.getValue()));
        book.set("prices", sorted);
        ObjectNode free = (ObjectNode) book.get("freeTiers");
        existing.path("freeTiers").properties().forEach(f -> {
            if (!free.has(f.getKey())
                    && sorted.has(f.getValue().path("appliesTo").asText())) {
                free.set(f.getKey(), f.getValue().deepCopy());
            }
        });
        return new Merged(book, List.copyOf(kept));
    }

    /** A fetched book merged with an existing one. */
    public record Merged(ObjectNode book, List<String> kept) {}

    /** The versioned offer URL when read from AWS (it stays valid after newer prices), else where it was read. */
    private static String confirmedVia(Offer offer, URI offerUri, URI root) {
        if (root.equals(AWS) && !offer.version().isEmpty()) {
            return offerUri.toString().replace("/current/", "/" + offer.version() + "/");
        }
        return offerUri.toString();
    }

    private static ObjectNode book(String region, URI root, LocalDate today, ObjectNode usEast1, ObjectNode prices) {
        ObjectNode book = NODES.objectNode();
        book.put(
                "$comment",
                "Stackwright price book for " + region + ", written by `stackwright prices fetch` on " + today
                        + " from AWS's Price List (" + root
                        + "). Every entry names the offer it was read from (confirmedVia). Entries "
                        + "the Price List did not give are left out, so their resources are listed as unpriced; docs/cost.md says how "
                        + "to add them by hand.");
        book.put("schemaVersion", 1);
        book.put("region", region);
        book.put("currency", "USD");
        book.put("version", today.toString());
        book.set("hoursPerMonth", usEast1.path("hoursPerMonth").deepCopy());
        book.set("prices", prices);
        ObjectNode free = book.putObject("freeTiers");
        usEast1.path("freeTiers").properties().forEach(f -> {
            JsonNode covered = prices.path(f.getValue().path("appliesTo").asText());
            // An allowance AWS already prices as a free first step would be counted twice.
            boolean freeStep = covered.path("tiers").path(0).path("price").isNumber()
                    && covered.path("tiers")
                                    .path(0)
                                    .path("price")
                                    .decimalValue()
                                    .signum()
                            == 0;
            if (!covered.isMissingNode() && !freeStep) {
                free.set(f.getKey(), f.getValue().deepCopy());
            }
        });
        if (usEast1.has("freeTierNote")) {
            book.set("freeTierNote", usEast1.get("freeTierNote").deepCopy());
        }
        return book;
    }

    private static ObjectNode builtInBook() {
        try (InputStream in = PriceListFetch.class.getResourceAsStream("/dev/stackwright/cost/prices/us-east-1.json")) {
            return (ObjectNode) MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
