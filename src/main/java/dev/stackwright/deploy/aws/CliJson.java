package dev.stackwright.deploy.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

/**
 * Any SDK object as the JSON the AWS CLI prints for it, so an answer read through the SDK goes through the readers of
 * saved CLI outputs. The SDK has no public JSON writer for its responses; its own description of each object
 * ({@link SdkPojo#sdkFields()}) names every member as the API does, which is the name the CLI prints.
 */
final class CliJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    private CliJson() {}

    /** The items of a listing, every page together, under the key the CLI prints them with ({@code Subnets}). */
    static String list(String key, List<? extends SdkPojo> items) {
        ObjectNode root = NODES.objectNode();
        ArrayNode out = root.putArray(key);
        items.forEach(i -> out.add(object(i)));
        return root.toString();
    }

    /**
     * One object: each member under its API name, in the service model's order. A member the service did not send is left out,
     * as the CLI leaves it out: the SDK holds it as null, or as an auto-construct list or map, which it keeps apart
     * from a list the service sent empty.
     */
    static ObjectNode object(SdkPojo pojo) {
        ObjectNode out = NODES.objectNode();
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            if (value != null
                    && !(value instanceof SdkAutoConstructList<?>)
                    && !(value instanceof SdkAutoConstructMap<?, ?>)) {
                out.set(field.memberName(), value(value));
            }
        }
        return out;
    }

    /**
     * One value. Enum members arrive as the text the service sent (the SDK's field reads the raw string), so a value
     * newer than this SDK still comes out as sent.
     */
    private static JsonNode value(@Nullable Object value) {
        return switch (value) {
            case null -> NODES.nullNode();
            case SdkPojo p -> object(p);
            case List<?> l -> {
                ArrayNode out = NODES.arrayNode();
                l.forEach(v -> out.add(value(v)));
                yield out;
            }
            case Map<?, ?> m -> {
                ObjectNode out = NODES.objectNode();
                m.forEach((k, v) -> out.set(String.valueOf(k), value(v)));
                yield out;
            }
            case String s -> NODES.textNode(s);
            case Boolean b -> NODES.booleanNode(b);
            case Integer i -> NODES.numberNode(i);
            case Long l -> NODES.numberNode(l);
            case Short s -> NODES.numberNode(s);
            case Byte b -> NODES.numberNode(b);
            case Float f -> NODES.numberNode(f);
            case Double d -> NODES.numberNode(d);
            case BigDecimal d -> NODES.numberNode(d);
            case Instant t -> NODES.textNode(timestamp(t));
            // The CLI cannot print bytes, so it prints them in base64 as the wire carries them.
            case SdkBytes b -> NODES.textNode(Base64.getEncoder().encodeToString(b.asByteArrayUnsafe()));
            case Document d -> document(d);
            default ->
                throw new IllegalArgumentException(
                        "no JSON form for a " + value.getClass().getName());
        };
    }

    /**
     * A timestamp as the AWS CLI version 2 prints it by default: ISO 8601 through Python's {@code isoformat()} of the
     * parsed time, in UTC as EC2 sends it: {@code 2024-05-01T12:00:00+00:00}, microseconds only when not zero.
     */
    static String timestamp(Instant t) {
        LocalDateTime utc = LocalDateTime.ofInstant(t, ZoneOffset.UTC);
        int micros = utc.get(ChronoField.MICRO_OF_SECOND);
        return SECONDS.format(utc) + (micros == 0 ? "" : String.format(Locale.ROOT, ".%06d", micros)) + "+00:00";
    }

    private static JsonNode document(Document d) {
        if (d.isString()) {
            return NODES.textNode(d.asString());
        } else if (d.isNumber()) {
            return NODES.numberNode(d.asNumber().bigDecimalValue());
        } else if (d.isBoolean()) {
            return NODES.booleanNode(d.asBoolean());
        } else if (d.isList()) {
            return value(d.asList());
        } else if (d.isMap()) {
            return value(d.asMap());
        }
        return NODES.nullNode();
    }
}
