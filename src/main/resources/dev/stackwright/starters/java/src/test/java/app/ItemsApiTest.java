package app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint over real HTTP, against the store this service runs with: the {{database}} database named by the
 * DB_* variables (in memory when the service has none).
 */
class ItemsApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static App app;

    @BeforeAll
    static void start() {
        app = App.start(0, Stores.fromEnvironment(System.getenv()));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.stop();
        }
    }

    @Test
    void health_isOk() throws Exception {
        HttpResponse<String> r = send("GET", "/health", null);
        assertEquals(200, r.statusCode());
        assertEquals("ok", json(r).path("status").asText());
    }

    @Test
    void create_answers201_withTheItemAndItsLocation() throws Exception {
        HttpResponse<String> r = send("POST", "/items", "{\"name\":\"milk\"}");
        assertEquals(201, r.statusCode());
        JsonNode item = json(r);
        assertEquals("milk", item.path("name").asText());
        assertFalse(item.path("done").asBoolean(true));
        assertTrue(item.path("id").isIntegralNumber());
        assertEquals(
                Optional.of("/items/" + item.path("id").asLong()), r.headers().firstValue("Location"));
    }

    @Test
    void get_returnsTheItem_and404ForAnUnknownId() throws Exception {
        long id = create("bread", true);
        HttpResponse<String> r = send("GET", "/items/" + id, null);
        assertEquals(200, r.statusCode());
        assertEquals("bread", json(r).path("name").asText());
        assertTrue(json(r).path("done").asBoolean());
        assertEquals(404, send("GET", "/items/999999999", null).statusCode());
        assertEquals(404, send("GET", "/items/not-a-number", null).statusCode());
    }

    @Test
    void list_holdsWhatWasCreated() throws Exception {
        long id = create("eggs", false);
        HttpResponse<String> r = send("GET", "/items", null);
        assertEquals(200, r.statusCode());
        JsonNode items = json(r);
        assertTrue(items.isArray());
        boolean found = false;
        for (JsonNode item : items) {
            found |=
                    item.path("id").asLong() == id && item.path("name").asText().equals("eggs");
        }
        assertTrue(found, "GET /items lists item " + id + ": " + r.body());
    }

    @Test
    void update_changesTheItem_and404ForAnUnknownId() throws Exception {
        long id = create("tea", false);
        HttpResponse<String> r = send("PUT", "/items/" + id, "{\"name\":\"green tea\",\"done\":true}");
        assertEquals(200, r.statusCode());
        assertEquals("green tea", json(r).path("name").asText());
        JsonNode stored = json(send("GET", "/items/" + id, null));
        assertEquals("green tea", stored.path("name").asText());
        assertTrue(stored.path("done").asBoolean());
        // The same values again: still 200 (MySQL reports no changed row then).
        assertEquals(
                200,
                send("PUT", "/items/" + id, "{\"name\":\"green tea\",\"done\":true}")
                        .statusCode());
        assertEquals(404, send("PUT", "/items/999999999", "{\"name\":\"x\"}").statusCode());
    }

    @Test
    void delete_answers204_thenTheItemIsGone() throws Exception {
        long id = create("jam", false);
        assertEquals(204, send("DELETE", "/items/" + id, null).statusCode());
        assertEquals(404, send("GET", "/items/" + id, null).statusCode());
        assertEquals(404, send("DELETE", "/items/" + id, null).statusCode());
    }

    @Test
    void badBodies_answer400_withTheReason() throws Exception {
        for (String body : List.of(
                "{not json",
                "",
                "[1,2]",
                "{}",
                "{\"name\":\"\"}",
                "{\"name\":42}",
                "{\"name\":\"x\",\"done\":\"yes\"}")) {
            HttpResponse<String> r = send("POST", "/items", body);
            assertEquals(400, r.statusCode(), "POST " + body);
            assertFalse(json(r).path("error").asText().isBlank(), "a reason for " + body);
        }
        long id = create("salt", false);
        assertEquals(400, send("PUT", "/items/" + id, "{\"done\":true}").statusCode());
        assertEquals(
                "salt", json(send("GET", "/items/" + id, null)).path("name").asText());
    }

    @Test
    void health_answers503_whenTheStoreDoesNotAnswer() throws Exception {
        App down = App.start(0, new UnhealthyStore());
        try {
            HttpResponse<String> r = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + down.port() + "/health"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(503, r.statusCode());
            assertEquals("unavailable", json(r).path("status").asText());
        } finally {
            down.stop();
        }
    }

    @Test
    void port_comesFromPort_or8080() {
        assertEquals(8080, App.port(null));
        assertEquals(9090, App.port(" 9090 "));
        IllegalStateException e =
                org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> App.port("http"));
        assertTrue(e.getMessage().contains("PORT"));
    }

    private static long create(String name, boolean done) throws Exception {
        HttpResponse<String> r = send("POST", "/items", "{\"name\":\"" + name + "\",\"done\":" + done + "}");
        assertEquals(201, r.statusCode(), r.body());
        return json(r).path("id").asLong();
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }

    /** A store whose database is down. */
    private static final class UnhealthyStore implements ItemStore {
        @Override
        public void migrate() {}

        @Override
        public List<Item> list() {
            throw new IllegalStateException("down");
        }

        @Override
        public Optional<Item> get(long id) {
            throw new IllegalStateException("down");
        }

        @Override
        public Item create(String name, boolean done) {
            throw new IllegalStateException("down");
        }

        @Override
        public Optional<Item> update(long id, String name, boolean done) {
            throw new IllegalStateException("down");
        }

        @Override
        public boolean delete(long id) {
            throw new IllegalStateException("down");
        }

        @Override
        public boolean healthy() {
            return false;
        }

        @Override
        public void close() {}
    }
}
