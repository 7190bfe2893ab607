package dev.stackwright.cli;

import dev.stackwright.cost.pricelist.PriceListFetch;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Opens Price List offer files for {@code prices fetch}: local files, and HTTP(S) with timeouts. A large offer (EC2's
 * is several hundred MB) says how far it has got every {@code step} bytes, so a long download is not silence.
 */
public final class OfferFiles implements PriceListFetch.OfferSource {
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(20))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    private final Consumer<String> progress;
    private final long step;

    /** No progress lines. */
    public OfferFiles() {
        this(line -> {}, Long.MAX_VALUE);
    }

    public OfferFiles(Consumer<String> progress, long step) {
        this.progress = progress;
        this.step = step;
    }

    /** A status other than 200 is an error naming the URL. */
    @Override
    public InputStream open(URI uri) throws IOException {
        return new Counting(raw(uri));
    }

    private InputStream raw(URI uri) throws IOException {
        return switch (uri.getScheme()) {
            case "file" -> Files.newInputStream(Path.of(uri));
            case "http", "https" -> {
                try {
                    HttpResponse<InputStream> r = http.send(
                            HttpRequest.newBuilder(uri)
                                    .timeout(Duration.ofMinutes(10))
                                    .GET()
                                    .build(),
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

    /** Counts what is read and says so every {@code step} bytes. */
    private final class Counting extends FilterInputStream {
        private long read;
        private long next = step;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) {
            read += n;
            if (read >= next) {
                progress.accept(String.format("  %,d MB read", read / (1024 * 1024)));
                next = read - read % step + step;
            }
        }
    }
}
