package dev.stackwright.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * How long earlier deploys took, for the estimates in the progress display: per stack and operation, and per resource
 * type. Kept in {@code .stackwright/deploy-history.json} beside the spec; a missing or unreadable file just means no
 * estimates yet.
 */
public final class History {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final @Nullable Path file;
    private final Map<String, Long> stacks = new TreeMap<>();
    private final Map<String, Long> types = new TreeMap<>();

    private History(@Nullable Path file) {
        this.file = file;
    }

    /** No file: estimates only from this run. */
    public static History inMemory() {
        return new History(null);
    }

    public static History load(Path file) {
        History h = new History(file);
        try {
            if (Files.isRegularFile(file)) {
                JsonNode root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
                root.path("stacks")
                        .properties()
                        .forEach(e -> h.stacks.put(e.getKey(), e.getValue().asLong()));
                root.path("resourceTypes")
                        .properties()
                        .forEach(e -> h.types.put(e.getKey(), e.getValue().asLong()));
            }
        } catch (IOException | RuntimeException e) {
            // A damaged history costs only the estimates; the next successful deploy rewrites it.
        }
        return h;
    }

    public Optional<Duration> stack(String stackName, String operation) {
        return Optional.ofNullable(stacks.get(stackName + " " + operation)).map(Duration::ofSeconds);
    }

    public Optional<Duration> resourceType(String type) {
        return Optional.ofNullable(types.get(type)).map(Duration::ofSeconds);
    }

    /** Remembers a finished operation; the newest run counts as much as all before it. */
    public void record(String stackName, String operation, Duration total, Map<String, Duration> byType) {
        stacks.merge(stackName + " " + operation, total.toSeconds(), History::blend);
        byType.forEach((type, d) -> types.merge(type, d.toSeconds(), History::blend));
    }

    private static long blend(long before, long now) {
        return (before + now + 1) / 2;
    }

    /** Writes the file; failing to is not worth failing a deploy over. */
    public void save() {
        if (file == null) {
            return;
        }
        ObjectNode root = JSON.createObjectNode();
        ObjectNode s = root.putObject("stacks");
        stacks.forEach(s::put);
        ObjectNode t = root.putObject("resourceTypes");
        types.forEach(t::put);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, JSON.writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            // estimates only
        }
    }
}
