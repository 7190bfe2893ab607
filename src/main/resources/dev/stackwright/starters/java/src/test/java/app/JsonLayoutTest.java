package app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

class JsonLayoutTest {
    @Test
    void anEvent_isOneJsonLine_withItsPairsTyped() throws Exception {
        LoggerContext context = new LoggerContext();
        LoggingEvent event = new LoggingEvent(
                "fqcn", context.getLogger("app.App"), Level.INFO, "said \"{}\"", null, new Object[] {"hi"});
        event.addKeyValuePair(new KeyValuePair("method", "GET"));
        event.addKeyValuePair(new KeyValuePair("status", 201));
        event.addKeyValuePair(new KeyValuePair("ms", 3L));

        String line = new JsonLayout().doLayout(event);

        assertTrue(line.endsWith("\n") && line.indexOf('\n') == line.length() - 1, line);
        JsonNode json = new ObjectMapper().readTree(line);
        assertEquals("INFO", json.path("level").asText());
        assertEquals("said \"hi\"", json.path("message").asText());
        assertEquals("GET", json.path("method").asText());
        assertEquals(201, json.path("status").intValue());
        assertTrue(json.path("status").isInt());
        assertEquals(3, json.path("ms").longValue());
        assertTrue(json.path("time").asText().endsWith("Z"));
    }
}
