package dev.stackwright.cost;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stackwright.diag.Diagnostic;
import dev.stackwright.diag.InputException;
import dev.stackwright.diag.SourceLocation;
import dev.stackwright.diag.YamlDocument;
import dev.stackwright.spec.StackSpec;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Finds and reads price books. Where a region's book comes from, first match wins:
 * <ol>
 *     <li>the file given with {@code --prices FILE};</li>
 *     <li>{@code stackwright-prices/<region>.json} beside the spec file (drop a region in without rebuilding);</li>
 *     <li>the books shipped in the jar, under {@code dev/stackwright/cost/prices/<region>.json}.</li>
 * </ol>
 * Every problem in a file is reported at once, at its line and column.
 */
public final class PriceBooks {
    /** Folder beside {@code stackwright.yml} that holds extra regions' books. */
    public static final String DROP_IN_DIR = "stackwright-prices";

    static final String BUILT_IN = "/dev/stackwright/cost/prices/";
    private static final Set<String> CONFIDENCE = Set.of("aws-page", "secondary", "unconfirmed");
    private static final Pattern DAY = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}$");
    private static final Pattern REGION = Pattern.compile("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$");

    private PriceBooks() {}

    /**
     * The book for a spec's region.
     *
     * @param explicit a file from {@code --prices}, which wins over everything else
     * @throws InputException when there is no book for the region, or the file has problems
     */
    public static PriceBook forSpec(StackSpec spec, Optional<Path> explicit) {
        if (explicit.isPresent()) {
            return read(explicit.get());
        }
        Path specDir = Path.of(spec.source().file()).toAbsolutePath().getParent();
        Optional<PriceBook> found =
                forRegion(spec.region(), Optional.ofNullable(specDir).map(d -> d.resolve(DROP_IN_DIR)));
        return found.orElseThrow(
                () -> new InputException(
                        List.of(
                                Diagnostic.error(
                                        "no-price-book",
                                        spec.source().root().has("region")
                                                ? spec.source().valueLocation("region")
                                                : SourceLocation.ofFile(
                                                        spec.source().file()),
                                        "region",
                                        "has no price book, so nothing can be priced",
                                        "`" + spec.region() + "`",
                                        "run `stackwright prices fetch -f "
                                                + spec.source().file() + "` to write " + DROP_IN_DIR + "/"
                                                + spec.region()
                                                + ".json beside it from AWS's Price List (or write it by hand as docs/cost.md shows), or pass --prices FILE"))));
    }

    /** The drop-in book in {@code dropInDir}, else the built-in one, else empty. */
    public static Optional<PriceBook> forRegion(String region, Optional<Path> dropInDir) {
        if (!REGION.matcher(region).matches()) {
            return Optional.empty();
        }
        if (dropInDir.isPresent()) {
            Path file = dropInDir.get().resolve(region + ".json");
            if (Files.isRegularFile(file)) {
                return Optional.of(read(file));
            }
        }
        return builtIn(region);
    }

    /** A book shipped in the jar. */
    public static Optional<PriceBook> builtIn(String region) {
        try (InputStream in = PriceBooks.class.getResourceAsStream(BUILT_IN + region + ".json")) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(parse("built-in " + region, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Reads a book file; problems are reported at their place in the file. */
    public static PriceBook read(Path file) {
        return parse(
                file.toString(),
                dev.stackwright.diag.InputFiles.read(
                        file,
                        "price book",
                        "check the path given to --prices",
                        dev.stackwright.diag.InputFiles.DATA_LIMIT));
    }

    /** Parses book text; {@code origin} names it in messages. */
    public static PriceBook parse(String origin, String text) {
        try {
            new ObjectMapper().readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            SourceLocation where = at == null
                    ? SourceLocation.ofFile(origin)
                    : new SourceLocation(origin, Math.max(1, at.getLineNr()), Math.max(1, at.getColumnNr()));
            String message = e.getOriginalMessage() == null
                    ? "unreadable"
                    : e.getOriginalMessage().lines().findFirst().orElse("");
            throw new InputException(List.of(Diagnostic.error(
                    "json-syntax",
                    where,
                    "",
                    "this is not valid JSON: " + message,
                    null,
                    "check the commas, quotes and brackets near this place")));
        }
        // JSON is YAML: reading it as YAML gives every key and value its line and column for the checks below.
        return new Reader(YamlDocument.parse(origin, text)).book();
    }

    private static final class Reader {
        private final YamlDocument doc;
        private final List<Diagnostic> problems = new ArrayList<>();

        Reader(YamlDocument doc) {
            this.doc = doc;
        }

        PriceBook book() {
            JsonNode root = doc.root();
            String region = text(root, "region", "write the region code, e.g. `\"region\": \"eu-west-1\"`");
            if (region != null && !REGION.matcher(region).matches()) {
                problem(
                        "region",
                        "is not an AWS region code",
                        "`" + region + "`",
                        "use a code such as `us-east-1` or `eu-west-1`");
            }
            String version =
                    text(root, "version", "write the day the prices were read, e.g. `\"version\": \"2026-11-22\"`");
            String currency = text(root, "currency", "write `\"currency\": \"USD\"`");
            BigDecimal hours = positive(
                    root.path("hoursPerMonth").path("value"),
                    "hoursPerMonth.value",
                    "write `\"hoursPerMonth\": {\"value\": 730, ...}` (the convention of AWS's pricing calculator)");
            Map<String, Price> prices = new LinkedHashMap<>();
            JsonNode priceNodes = root.path("prices");
            if (!priceNodes.isObject()) {
                problem("prices", "must be a mapping of price keys to entries", null, "add `\"prices\": { ... }`");
            } else {
                for (Iterator<String> it = priceNodes.fieldNames(); it.hasNext(); ) {
                    String key = it.next();
                    price(key, priceNodes.get(key)).ifPresent(p -> prices.put(key, p));
                }
            }
            Map<String, FreeTier> free = new LinkedHashMap<>();
            JsonNode freeNodes = root.path("freeTiers");
            for (Iterator<String> it = freeNodes.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                freeTier(key, freeNodes.get(key), prices).ifPresent(f -> free.put(key, f));
            }
            Optional<String> freeTierNote = freeTierNote(root.path("freeTierNote"));
            if (!problems.isEmpty()) {
                throw new InputException(problems);
            }
            // no problem, so every value was read
            return new PriceBook(
                    java.util.Objects.requireNonNull(region),
                    java.util.Objects.requireNonNull(version),
                    java.util.Objects.requireNonNull(currency),
                    java.util.Objects.requireNonNull(hours),
                    doc.file(),
                    prices,
                    free,
                    freeTierNote);
        }

        private Optional<Price> price(String key, JsonNode entry) {
            String path = "prices." + key;
            if (!entry.isObject()) {
                problem(
                        path,
                        "must be a mapping with unit, price or tiers, source and read",
                        null,
                        "see the us-east-1 book for the form");
                return Optional.empty();
            }
            String unit = text(entry, path, "unit", "say what one unit is, e.g. `\"unit\": \"GB processed\"`");
            String source = source(entry, path);
            String read = day(entry, path);
            String confidence = confidence(entry, path);
            Optional<BigDecimal> flat = Optional.empty();
            List<Price.Tier> tiers = new ArrayList<>();
            JsonNode price = entry.path("price");
            JsonNode tierNodes = entry.path("tiers");
            if (!price.isMissingNode() && !tierNodes.isMissingNode()) {
                problem(path + ".tiers", "an entry has either a price or tiers, not both", null, "remove one of them");
            } else if (tierNodes.isArray()) {
                tiers = tiers(tierNodes, path + ".tiers");
            } else if (!tierNodes.isMissingNode()) {
                problem(
                        path + ".tiers",
                        "must be a list of {upTo, price}",
                        null,
                        "write `\"tiers\": [{\"upTo\": 10240, \"price\": 0.09}, {\"price\": 0.085}]`");
            } else if (price.isMissingNode()) {
                problem(
                        path,
                        "has neither price nor tiers",
                        null,
                        "add `\"price\": ...` from the source page, or `\"price\": null` with a note when it could not be confirmed");
            } else if (!price.isNull()) {
                flat = Optional.ofNullable(nonNegative(price, path + ".price"));
            }
            Map<String, BigDecimal> facts = new LinkedHashMap<>();
            for (String name : List.of("vcpu", "memoryGb")) {
                if (entry.has(name)) {
                    BigDecimal v = positive(entry.path(name), path + "." + name, "write a positive number");
                    if (v != null) {
                        facts.put(name, v);
                    }
                }
            }
            JsonNode dims = entry.path("dimensions");
            for (Iterator<String> it = dims.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                BigDecimal v = nonNegative(dims.get(name), path + ".dimensions." + name);
                if (v != null) {
                    facts.put("dimensions." + name, v);
                }
            }
            if (unit == null || source == null || read == null || confidence == null) {
                return Optional.empty();
            }
            return Optional.of(new Price(
                    key,
                    unit,
                    flat,
                    tiers,
                    source,
                    read,
                    confidence,
                    optionalText(entry, "confirmedVia"),
                    optionalText(entry, "note"),
                    facts));
        }

        private List<Price.Tier> tiers(JsonNode list, String path) {
            List<Price.Tier> out = new ArrayList<>();
            BigDecimal last = BigDecimal.ZERO;
            for (int i = 0; i < list.size(); i++) {
                String at = path + "[" + i + "]";
                JsonNode tier = list.get(i);
                BigDecimal price = nonNegative(tier.path("price"), at + ".price");
                JsonNode upTo = tier.path("upTo");
                boolean lastTier = i == list.size() - 1;
                Optional<BigDecimal> bound = Optional.empty();
                if (lastTier && !upTo.isMissingNode()) {
                    problem(at + ".upTo", "the last tier has no upper bound", null, "remove upTo from the last tier");
                } else if (!lastTier) {
                    BigDecimal b =
                            positive(upTo, at + ".upTo", "give the tier's cumulative upper bound, in the entry's unit");
                    if (b != null && b.compareTo(last) <= 0) {
                        problem(
                                at + ".upTo",
                                "must be larger than the tier before",
                                "`" + Fmt.plain(b) + "`",
                                "list tiers from the smallest bound up, each upTo cumulative");
                    } else if (b != null) {
                        last = b;
                        bound = Optional.of(b);
                    }
                }
                if (price != null) {
                    out.add(new Price.Tier(bound, price));
                }
            }
            if (out.isEmpty()) {
                problem(path, "must hold at least one tier", null, "add `{\"price\": ...}`");
            }
            return out;
        }

        private Optional<FreeTier> freeTier(String key, JsonNode entry, Map<String, Price> prices) {
            String path = "freeTiers." + key;
            String appliesTo = text(
                    entry,
                    path,
                    "appliesTo",
                    "name the price entry it covers, e.g. `\"appliesTo\": \"public-ipv4.hour\"`");
            if (appliesTo != null && !prices.containsKey(appliesTo)) {
                problem(
                        path + ".appliesTo",
                        "names no entry of prices",
                        "`" + appliesTo + "`",
                        "use one of the keys under prices");
            }
            BigDecimal quantity = positive(entry.path("quantity"), path + ".quantity", "give the free units per month");
            String unit = text(entry, path, "unit", "say what the quantity counts");
            String term = text(entry, path, "term", "say when it applies, e.g. `\"term\": \"every month\"`");
            String source = source(entry, path);
            String read = day(entry, path);
            String confidence = confidence(entry, path);
            if (appliesTo == null
                    || quantity == null
                    || unit == null
                    || term == null
                    || source == null
                    || read == null
                    || confidence == null) {
                return Optional.empty();
            }
            return Optional.of(new FreeTier(
                    key, appliesTo, quantity, unit, term, source, read, confidence, optionalText(entry, "note")));
        }

        /** What holds for all free allowances (how AWS's free tier works now), sourced like a price. */
        private Optional<String> freeTierNote(JsonNode entry) {
            if (entry.isMissingNode()) {
                return Optional.empty();
            }
            String text =
                    text(entry, "freeTierNote", "text", "write what the reader should know, e.g. `\"text\": \"...\"`");
            String source = source(entry, "freeTierNote");
            String read = day(entry, "freeTierNote");
            String confidence = confidence(entry, "freeTierNote");
            return text == null || source == null || read == null || confidence == null
                    ? Optional.empty()
                    : Optional.of(text);
        }

        private @Nullable String source(JsonNode entry, String path) {
            String source = text(entry, path, "source", "give the URL of the AWS pricing page the figure comes from");
            if (source != null && !source.startsWith("https://")) {
                problem(
                        path + ".source",
                        "must be the https URL of the page the figure comes from",
                        "`" + source + "`",
                        "e.g. `\"source\": \"https://aws.amazon.com/vpc/pricing/\"`");
                return null;
            }
            return source;
        }

        private @Nullable String day(JsonNode entry, String path) {
            String read = text(entry, path, "read", "give the day the price was read, e.g. `\"read\": \"2026-11-22\"`");
            if (read != null && !DAY.matcher(read).matches()) {
                problem(
                        path + ".read",
                        "must be a day as yyyy-mm-dd",
                        "`" + read + "`",
                        "e.g. `\"read\": \"2026-11-22\"`");
                return null;
            }
            return read;
        }

        private @Nullable String confidence(JsonNode entry, String path) {
            String c =
                    text(entry, path, "confidence", "say how sure the figure is: aws-page, secondary or unconfirmed");
            if (c != null && !CONFIDENCE.contains(c)) {
                problem(
                        path + ".confidence",
                        "is not one of aws-page, secondary, unconfirmed",
                        "`" + c + "`",
                        "aws-page when read on AWS's page, secondary when quoted by others, unconfirmed otherwise");
                return null;
            }
            return c;
        }

        private @Nullable String text(JsonNode root, String key, String fix) {
            return text(root, "", key, fix);
        }

        private @Nullable String text(JsonNode parent, String path, String key, String fix) {
            String at = path.isEmpty() ? key : path + "." + key;
            JsonNode node = parent.path(key);
            if (!node.isTextual() || node.asText().isBlank()) {
                problem(at, node.isMissingNode() ? "is missing" : "must be text", shown(node), fix);
                return null;
            }
            return node.asText();
        }

        private static Optional<String> optionalText(JsonNode parent, String key) {
            JsonNode node = parent.path(key);
            return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText()) : Optional.empty();
        }

        private @Nullable BigDecimal nonNegative(JsonNode node, String path) {
            if (!node.isNumber()) {
                problem(
                        path,
                        "must be a number of dollars per unit, or null when it could not be confirmed",
                        shown(node),
                        "write the figure from the source page, e.g. `0.045`");
                return null;
            }
            if (node.decimalValue().signum() < 0) {
                problem(path, "must not be negative", shown(node), "write the price from the source page");
                return null;
            }
            return node.decimalValue();
        }

        private @Nullable BigDecimal positive(JsonNode node, String path, String fix) {
            if (!node.isNumber() || node.decimalValue().signum() <= 0) {
                problem(path, "must be a number above 0", shown(node), fix);
                return null;
            }
            return node.decimalValue();
        }

        private void problem(String path, String message, @Nullable String got, String fix) {
            problems.add(Diagnostic.error("bad-price-book", doc.valueLocation(path), path, message, got, fix));
        }

        private static @Nullable String shown(@Nullable JsonNode node) {
            if (node == null || node.isMissingNode()) {
                return null;
            }
            return node.isContainerNode() ? (node.isArray() ? "a list" : "a mapping") : "`" + node.asText() + "`";
        }
    }
}
