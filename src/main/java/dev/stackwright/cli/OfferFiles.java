package dev.stackwright.cli;

import dev.stackwright.cost.pricelist.PriceListFetch;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Opens Price List offer files for {@code prices fetch}: local files, and HTTP(S) with timeouts. */
public final class OfferFiles implements PriceListFetch.OfferSource {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    /** A status other than 200 is an error naming the URL. */
    @Override
    public InputStream open(URI uri) throws IOException {
        return switch (uri.getScheme()) {
            case "file" -> Files.newInputStream(Path.of(uri));
            case "http", "https" -> {
                try {
                    HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(10)).GET().build(),
                            HttpResponse.BodyHandlers.ofInputStream());
                    if (r.statusCode() != 200) {
                        r.body().close();
                        throw new IOException("HTTP " + r.statusCode() + " for " + uri);
                    }
                    yield r.body();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while reading " + uri, e);
                }
            }
            default -> throw new IOException("cannot read " + uri + ": use a file path, or an http(s) URL");
        };
    }
}
