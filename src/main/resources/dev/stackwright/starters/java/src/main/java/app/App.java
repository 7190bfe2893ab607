package app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {{name}}: a CRUD service for /items, with /health for the load balancer. Configuration comes from the environment
 * (PORT, and DB_* when there is a database); logs are JSON lines on stdout; SIGTERM stops it gracefully.
 */
public final class App {
    static final Logger LOG = LoggerFactory.getLogger(App.class);
    /** The port when PORT is not set; stackwright.yml's service.port says the same. */
    static final int DEFAULT_PORT = 8080;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_NAME = 200;

    private final Javalin server;
    private final ItemStore store;

    private App(Javalin server, ItemStore store) {
        this.server = server;
        this.store = store;
    }

    public static void main(String[] args) {
        try {
            App app = start(port(System.getenv("PORT")), Stores.fromEnvironment(System.getenv()));
            // ECS and docker stop send SIGTERM: stop taking requests, finish the running ones, close the pool.
            Runtime.getRuntime().addShutdownHook(new Thread(app::stop, "shutdown"));
        } catch (RuntimeException e) {
            LOG.atError().setCause(e).log("could not start: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Migrates the store, then serves on {@code port} (0: any free port, see {@link #port()}). */
    public static App start(int port, ItemStore store) {
        store.migrate();
        Javalin server = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.concurrency.useVirtualThreads = true;
            config.jsonMapper(new JavalinJackson(JSON, false));
            // Running requests get up to 10 s to finish after SIGTERM (ECS waits 30 s before SIGKILL).
            config.jetty.modifyServer(jetty -> jetty.setStopTimeout(10_000));
            config.requestLogger.http(App::logRequest);
            config.routes.get("/health", ctx -> health(ctx, store));
            config.routes.get("/items", ctx -> ctx.json(store.list()));
            config.routes.post("/items", ctx -> {
                ItemInput in = ItemInput.from(ctx.body());
                Item item = store.create(in.name(), in.done());
                ctx.status(201).header("Location", "/items/" + item.id()).json(item);
            });
            config.routes.get("/items/{id}", ctx -> found(ctx, id(ctx).flatMap(store::get)));
            config.routes.put("/items/{id}", ctx -> {
                Optional<Long> id = id(ctx);
                ItemInput in = ItemInput.from(ctx.body());
                found(ctx, id.flatMap(i -> store.update(i, in.name(), in.done())));
            });
            config.routes.delete("/items/{id}", ctx -> {
                if (id(ctx).map(store::delete).orElse(false)) {
                    ctx.status(204);
                } else {
                    notFound(ctx);
                }
            });
            config.routes.exception(BadRequest.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.atError().setCause(e).log("request failed: " + e.getMessage());
                error(ctx, 500, "internal error");
            });
        });
        server.start(port);
        App app = new App(server, store);
        LOG.atInfo().addKeyValue("port", app.port()).log("listening");
        return app;
    }

    /** The port the server listens on. */
    public int port() {
        return server.port();
    }

    /** Stops taking requests, lets running ones finish, then closes the store. */
    public void stop() {
        LOG.info("stopping");
        server.stop();
        store.close();
        LOG.info("stopped");
    }

    static int port(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_PORT;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("PORT is not a number (got " + value + "). Fix: set it to e.g. 8080.");
        }
    }

    private static void health(Context ctx, ItemStore store) {
        if (store.healthy()) {
            ctx.json(Map.of("status", "ok"));
        } else {
            ctx.status(503).json(Map.of("status", "unavailable"));
        }
    }

    private static void logRequest(Context ctx, Float ms) {
        if (ctx.path().equals("/health") && ctx.statusCode() == 200) {
            return; // the load balancer asks every few seconds: only a failing check is news
        }
        LOG.atInfo()
                .addKeyValue("method", ctx.method().name())
                .addKeyValue("path", ctx.path())
                .addKeyValue("status", ctx.statusCode())
                .addKeyValue("ms", Math.round(ms))
                .log("request");
    }

    private static Optional<Long> id(Context ctx) {
        try {
            return Optional.of(Long.parseLong(ctx.pathParam("id")));
        } catch (NumberFormatException e) {
            return Optional.empty(); // no item has such an id: 404
        }
    }

    private static void found(Context ctx, Optional<Item> item) {
        item.ifPresentOrElse(ctx::json, () -> notFound(ctx));
    }

    private static void notFound(Context ctx) {
        error(ctx, 404, "no item with id " + ctx.pathParam("id"));
    }

    private static void error(Context ctx, int status, String message) {
        ctx.status(status).json(Map.of("error", message));
    }

    /** What a client sends to create or change an item: a name, and whether it is done (false when left out). */
    record ItemInput(String name, boolean done) {
        static ItemInput from(String body) {
            JsonNode json;
            try {
                json = JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new BadRequest("the body is not JSON: " + e.getOriginalMessage());
            }
            if (json == null || !json.isObject()) {
                throw new BadRequest("send a JSON object such as {\"name\":\"milk\",\"done\":false}");
            }
            JsonNode name = json.get("name");
            if (name == null || !name.isTextual() || name.asText().isBlank()) {
                throw new BadRequest("name is missing: send it as a non-empty string");
            }
            if (name.asText().length() > MAX_NAME) {
                throw new BadRequest("name is longer than " + MAX_NAME + " characters");
            }
            JsonNode done = json.get("done");
            if (done != null && !done.isBoolean()) {
                throw new BadRequest("done must be true or false");
            }
            return new ItemInput(name.asText(), done != null && done.asBoolean());
        }
    }
}
