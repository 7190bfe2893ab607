package dev.stackwright.cost;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stackwright.spec.TrafficSpec;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The estimate as JSON. Amounts are exact decimals (not rounded: rounding is for display), in the book's currency;
 * keys come in a fixed order, so the same estimate always gives the same bytes.
 */
public final class CostJson {
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectWriter WRITER = new ObjectMapper()
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .writer(new DefaultPrettyPrinter()
                    .withSeparators(
                            Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private CostJson() {}

    public static String render(CostEstimate e) {
        return write(tree(e));
    }

    public static String write(ObjectNode node) {
        try {
            return WRITER.writeValueAsString(node) + "\n";
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("a JSON tree always serializes", ex);
        }
    }

    static ObjectNode tree(CostEstimate e) {
        ObjectNode root = NODES.objectNode();
        root.put("stackName", e.stackName()).put("region", e.region());
        ObjectNode book = root.putObject("prices");
        book.put("region", e.book().region())
                .put("version", e.book().version())
                .put("currency", e.book().currency())
                .put("origin", e.book().origin())
                .put("hoursPerMonth", exact(e.book().hoursPerMonth()));
        root.put("monthlyTotal", exact(e.total()));
        root.put("unpricedLines", e.unpriced().size());
        ObjectNode traffic = root.putObject("traffic");
        TrafficSpec t = e.traffic();
        List<String> keys = e.trafficKeys();
        for (String key : keys) {
            traffic.put(key, exact(t.value(key)));
        }
        ArrayNode assumed = traffic.putArray("assumed");
        t.assumed().stream().filter(keys::contains).forEach(assumed::add);
        ObjectNode subtotals = root.putObject("subtotals");
        for (Map.Entry<String, BigDecimal> s : e.subtotals().entrySet()) {
            subtotals.put(s.getKey(), exact(s.getValue()));
        }
        ArrayNode lines = root.putArray("lines");
        for (CostLine l : e.lines()) {
            lines.add(line(l));
        }
        // Where each figure used comes from, once per book entry, so every unit price can be checked.
        ObjectNode sources = root.putObject("priceSources");
        for (String key : new java.util.TreeSet<>(
                e.lines().stream().map(CostLine::priceKey).toList())) {
            e.book().find(key).filter(Price::isPriced).ifPresent(p -> {
                ObjectNode s = sources.putObject(key)
                        .put("source", p.source())
                        .put("read", p.read())
                        .put("confidence", p.confidence());
                p.confirmedVia().ifPresent(v -> s.put("confirmedVia", v));
                p.note().ifPresent(n -> s.put("note", n));
            });
        }
        e.book().freeTierNote().ifPresent(n -> root.put("freeTierNote", n));
        ArrayNode free = root.putArray("freeTiers");
        for (FreeTierLine f : e.freeTiers()) {
            free.addObject()
                    .put("key", f.key())
                    .put("appliesTo", f.priceKey())
                    .put("covered", exact(f.covered()))
                    .put("unit", f.unit())
                    .put("saving", exact(f.saving()))
                    .put("term", f.term())
                    .put("formula", f.formula())
                    .put("subtracted", false);
        }
        // The volume the ways out are compared on, where the report marks the plan on their curves.
        root.put("alternativesGbPerMonthThroughNat", exact(NatAlternatives.volume(t)));
        ArrayNode alternatives = root.putArray("alternatives");
        for (NatAlternatives.Alternative a : e.alternatives()) {
            ObjectNode node = alternatives.addObject();
            node.put(
                            "option",
                            a.option().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
                    .put("label", a.option().label())
                    .put("plan", a.current())
                    .put("monthly", exact(a.monthly()))
                    .put("difference", exact(a.difference()))
                    .put("breakEven", a.breakEven().text());
            a.breakEven().volume().ifPresent(v -> node.put("breakEvenGbPerMonth", exact(v)));
            node.put("unpricedLines", a.unpriced());
            ArrayNode caveats = node.putArray("caveats");
            a.caveats().forEach(caveats::add);
            node.put("carriesAllTraffic", a.reachesEverything());
            node.set("curve", curve(a.curve(), NatAlternatives.VOLUME));
        }
        e.endpointAdvice().ifPresent(a -> {
            ObjectNode node = root.putObject("interfaceEndpointVsNat");
            node.put("against", a.against())
                    .put("zones", a.zones())
                    .put("natPathPerGb", exact(a.natPathPerGb()))
                    .put("endpointPerZoneMonthly", exact(a.endpointPerZone()))
                    .put("endpointPerGb", exact(a.endpointPerGb()));
            a.perZoneGb().ifPresent(g -> node.put("breakEvenGbPerMonthPerZone", exact(g)));
            node.put("text", a.text());
        });
        e.choices().ifPresent(c -> {
            c.frontDoor().ifPresent(f -> {
                ObjectNode node = root.putObject("frontDoor")
                        .put("planned", c.frontDoorPlanned().id())
                        .put("requestsPerMonth", exact(f.requestsPerMonth()))
                        .put("alb", exact(f.alb()))
                        .put("httpApi", exact(f.http()))
                        .put("restApi", exact(f.rest()));
                f.albVsHttp().ifPresent(v -> node.put("breakEvenHttpApiRequestsPerMonth", exact(v)));
                f.albVsRest().ifPresent(v -> node.put("breakEvenRestApiRequestsPerMonth", exact(v)));
                ObjectNode curves = node.putObject("curves");
                curves.set("alb", curve(f.albCurve(), REQUESTS));
                curves.set("httpApi", curve(f.httpCurve(), REQUESTS));
                curves.set("restApi", curve(f.restCurve(), REQUESTS));
            });
            c.compute()
                    .ifPresent(k -> root.putObject("compute")
                            .put("tasks", c.tasks())
                            .put("fargate", exact(k.fargate()))
                            .put("ec2", exact(k.ec2()))
                            .put("ec2HostType", c.hostType())
                            .put("ec2Hosts", k.instances())
                            .put("cheaper", k.cheaper()));
            c.environments()
                    .ifPresent(i -> root.putObject("environmentInterconnect")
                            .put("vpcs", i.vpcs())
                            .put("gbPerMonth", exact(c.environmentGb()))
                            .put("peering", exact(i.peering()))
                            .put("transitGateway", exact(i.transitGateway())));
        });
        ArrayNode assumptions = root.putArray("assumptions");
        e.assumptions().forEach(assumptions::add);
        ArrayNode warnings = root.putArray("warnings");
        e.warnings().forEach(warnings::add);
        return root;
    }

    private static final String REQUESTS = "requests/month";

    /** A cost against a volume: {@code fixedMonthly} plus, from each step's {@code from} on, {@code perUnit} a unit. */
    static ObjectNode curve(CostCurve c, String unit) {
        ObjectNode node = NODES.objectNode().put("unit", unit).put("fixedMonthly", exact(c.fixed()));
        ArrayNode steps = node.putArray("steps");
        c.steps().forEach(s -> steps.addObject().put("from", exact(s.from())).put("perUnit", exact(s.perUnit())));
        return node;
    }

    static ObjectNode line(CostLine l) {
        ObjectNode node = NODES.objectNode();
        node.put("tier", l.group())
                .put("resource", l.resource())
                .put("item", l.item())
                .put("quantity", exact(l.quantity()))
                .put("unit", l.unit())
                .put("priceKey", l.priceKey())
                .put("status", l.status().name().toLowerCase(java.util.Locale.ROOT));
        l.unitPrice().ifPresent(p -> node.put("unitPrice", exact(p)));
        l.monthly().ifPresent(m -> node.put("monthly", exact(m)));
        node.put("formula", l.formula());
        l.problem().ifPresent(p -> node.put("problem", p));
        return node;
    }

    /** Without trailing zeros or exponent, so {@code 3.0660} and {@code 3.066} print alike. */
    public static BigDecimal exact(BigDecimal value) {
        BigDecimal s = value.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }
}
