package dev.ccr.testing;

import dev.ccr.app.RouterApp;
import dev.ccr.config.Config;
import dev.ccr.config.ConfigStore;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * A real ccr on a free loopback port, started from config text the way {@code ccr start} does, with a client to call
 * it. Port 0 is used unless the config names a port.
 */
public final class RunningRouter implements AutoCloseable {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final RouterApp app;
    private final Path dir;
    private final Config config;

    private RunningRouter(RouterApp app, Path dir, Config config) {
        this.app = app;
        this.dir = dir;
        this.config = config;
    }

    /** Starts on a free port (PORT 0 is added unless the config has a PORT). */
    public static RunningRouter start(String configJson) {
        return start(configJson, Map.of());
    }

    public static RunningRouter start(String configJson, Map<String, String> env) {
        boolean portGiven = env.containsKey("SERVICE_PORT") || configJson.contains("\"PORT\"");
        return startAsConfigured(configJson, portGiven ? env : withServicePortZero(env));
    }

    /** Starts exactly as the config and environment say, on the configured (or default) port. */
    public static RunningRouter startAsConfigured(String configJson, Map<String, String> env) {
        try {
            Path dir = Files.createTempDirectory("ccr-test");
            Path file = dir.resolve("config.json");
            Files.writeString(file, configJson);
            ConfigStore store = new ConfigStore(file, env, Clock.systemUTC());
            Config config = store.load(line -> { });
            return new RunningRouter(RouterApp.start(config, store), dir, config);
        } catch (Exception e) {
            throw new IllegalStateException("router did not start: " + e.getMessage(), e);
        }
    }

    private static Map<String, String> withServicePortZero(Map<String, String> env) {
        var copy = new java.util.HashMap<>(env);
        copy.put("SERVICE_PORT", "0");
        return copy;
    }

    /** The running router itself, for what only its owner may do (a reload). */
    public RouterApp app() {
        return app;
    }

    public int port() {
        return app.port();
    }

    public Config config() {
        return config;
    }

    public Path configFile() {
        return dir.resolve("config.json");
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
    }

    public HttpResponse<String> post(String pathAndQuery, String body, String... headers) {
        return send(request(pathAndQuery, headers).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<InputStream> postStreaming(String pathAndQuery, String body, String... headers) {
        return send(request(pathAndQuery, headers).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
    }

    public HttpResponse<String> get(String pathAndQuery, String... headers) {
        return send(request(pathAndQuery, headers).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> head(String pathAndQuery) {
        return send(request(pathAndQuery).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String pathAndQuery, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(20));
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return builder;
    }

    private static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return CLIENT.send(request, handler);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        app.close();
    }
}
