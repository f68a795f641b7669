package dev.ccr.preset;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Downloads a preset archive with the JDK's HTTP client: redirects followed (never from https to http), a size cap
 * checked on the bytes received, and errors that name the address without its query (which may carry a token).
 */
public final class PresetDownload {
    /** An archive larger than this is no preset. */
    public static final long MAX_BYTES = 20L * 1024 * 1024;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private PresetDownload() {
    }

    /** Saves {@code url}'s body as {@code file}; fails unless the answer is 200 and at most {@code maxBytes} long. */
    public static void fetch(URI url, Path file, long maxBytes) throws IOException {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(CONNECT_TIMEOUT).build();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT).header("Accept", "application/zip, */*").GET().build();
        try (client) {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new IOException("Downloading " + shown(url) + " failed: HTTP " + response.statusCode() + ".");
                }
                if (response.headers().firstValueAsLong("Content-Length").orElse(0) > maxBytes) {
                    throw tooLarge(url, maxBytes);
                }
                try (OutputStream out = Files.newOutputStream(file)) {
                    byte[] buffer = new byte[8192];
                    long received = 0;
                    for (int n; (n = body.read(buffer)) > 0; ) {
                        received += n;
                        if (received > maxBytes) {
                            throw tooLarge(url, maxBytes);
                        }
                        out.write(buffer, 0, n);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while downloading " + shown(url), e);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains(shown(url))) {
                throw e;
            }
            throw new IOException("Downloading " + shown(url) + " failed: " + e, e);
        }
    }

    private static IOException tooLarge(URI url, long maxBytes) {
        return new IOException(shown(url) + " is larger than " + maxBytes / (1024 * 1024) + " MB; not a preset archive.");
    }

    /** The address without user info, query or fragment. */
    public static String shown(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() >= 0 ? ":" + url.getPort() : "") + url.getRawPath();
    }
}
