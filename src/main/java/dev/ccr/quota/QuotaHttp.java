package dev.ccr.quota;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The quota calls' HTTP: JSON over the JDK client, through the config's {@code PROXY_URL}, each call bounded by a
 * timeout. Failures become {@link QuotaException}s naming the host and status, never a header value (they hold
 * keys and cookies) nor the answer's body (it may echo them).
 */
public final class QuotaHttp {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Built at the first poll, off the router's start-up: the JDK client sets up TLS when built. */
    private final HttpClient.Builder builder;
    private final Duration timeout;
    private HttpClient client;

    private QuotaHttp(HttpClient.Builder builder, Duration timeout) {
        this.builder = builder;
        this.timeout = timeout;
    }

    private synchronized HttpClient client() {
        if (client == null) {
            client = builder.build();
        }
        return client;
    }

    public static QuotaHttp create(Optional<URI> proxy, Duration timeout) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout)
                // A console that wants a new sign-in redirects to its login page: that must show as refused, not be followed.
                .followRedirects(HttpClient.Redirect.NEVER);
        proxy.ifPresent(p -> builder.proxy(ProxySelector.of(new InetSocketAddress(p.getHost(), p.getPort() > 0 ? p.getPort() : 80))));
        return new QuotaHttp(builder, timeout);
    }

    JsonNode get(URI uri, Map<String, String> headers) throws QuotaException {
        return send(uri, headers, HttpRequest.newBuilder(uri).GET());
    }

    JsonNode postForm(URI uri, Map<String, String> headers, String form) throws QuotaException {
        return send(uri, headers, HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private JsonNode send(URI uri, Map<String, String> headers, HttpRequest.Builder request) throws QuotaException {
        request.timeout(timeout).header("Accept", "application/json");
        headers.forEach(request::header);
        HttpResponse<byte[]> response;
        try {
            response = client().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new QuotaException("no answer from " + uri.getHost() + " within " + timeout.toSeconds() + " s", false);
        } catch (IOException e) {
            throw new QuotaException("could not reach " + uri.getHost() + ": " + e.getClass().getSimpleName(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QuotaException("interrupted", false);
        }
        int status = response.statusCode();
        if (status == 401 || status == 403 || status >= 300 && status < 400) {
            throw QuotaException.refused(uri.getHost() + " refused the credentials (HTTP " + status
                    + "): the key is wrong or the console cookie has expired");
        }
        if (status < 200 || status >= 300) {
            throw new QuotaException(uri.getHost() + " answered HTTP " + status, false);
        }
        try {
            JsonNode body = JSON.readTree(response.body());
            if (body == null || !body.isContainerNode()) {
                throw QuotaException.changed("JSON body");
            }
            return body;
        } catch (IOException e) {
            throw new QuotaException("the answer from " + uri.getHost() + " is not JSON (has the provider changed its API?)", false);
        }
    }
}
