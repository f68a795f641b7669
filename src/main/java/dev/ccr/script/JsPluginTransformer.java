package dev.ccr.script;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.transform.HeaderList;
import dev.ccr.transform.ProviderInfo;
import dev.ccr.transform.ProviderRequest;
import dev.ccr.transform.ProviderResponse;
import dev.ccr.transform.TransformContext;
import dev.ccr.transform.Transformer;
import dev.ccr.transform.TransformerException;
import org.graalvm.polyglot.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A JS plugin as one step of a provider's chain (docs/plugins.md): {@code transformRequestIn(request, provider,
 * context)} is the request half, {@code transformResponseOut(response, context)} the response half, both on the same
 * JS context and with the same {@code context} object. The plugin's {@code {body, config}} answer may change the
 * URL, the headers (names ignoring case, unlike CCR) and the timeout. Its response is a WHATWG {@code Response} whose
 * body reads the provider's answer as it arrives; the Response it returns is read the same way, chunk by chunk.
 */
final class JsPluginTransformer implements Transformer {
    private static final Logger LOG = LoggerFactory.getLogger(JsPluginTransformer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ScriptHost host;
    private final PluginInfo plugin;
    private final Duration timeout;

    JsPluginTransformer(ScriptHost host, PluginInfo plugin) {
        this.host = host;
        this.plugin = plugin;
        this.timeout = host.settings().timeout();
    }

    @Override
    public String name() {
        return plugin.name();
    }

    private record RequestIn(String json, Value context) {
    }

    private record ResponseOut(JsonNode json, Value response) {
    }

    /**
     * Counts the request as a user of the host from the request half until the response half's stream is closed, so
     * that a host the config no longer names is closed only after it.
     */
    @Override
    public ProviderResponse transform(Chain chain) throws IOException {
        if (!host.enter()) {
            throw fail("its scripts were replaced by a config change while this request waited; try again");
        }
        Runnable leave = once(host::leave);
        try {
            return transform(chain, leave);
        } catch (IOException | RuntimeException e) {
            leave.run();
            throw e;
        }
    }

    private static Runnable once(Runnable action) {
        AtomicBoolean done = new AtomicBoolean();
        return () -> {
            if (done.compareAndSet(false, true)) {
                action.run();
            }
        };
    }

    private ProviderResponse transform(Chain chain, Runnable leave) throws IOException {
        JsLoop loop = host.loopOf(plugin);
        ProviderRequest request = chain.request();
        String meta = meta(chain.context());
        String clientBody = chain.context().clientBody().toString();

        Value context = null;
        if (plugin.requestIn()) {
            RequestIn in = await("transformRequestIn", loop.call("requestIn", timeout, values -> {
                ScriptFailure.throwIfError(values[0]);
                values[2].pin();
                return new RequestIn(values[1].asString(), values[2]);
            }, plugin.index(), request.body().toString(), provider(chain.context().provider()), meta, clientBody));
            request = apply(request, in.json());
            context = in.context();
        }

        ProviderResponse response = chain.proceed(request);
        if (!plugin.responseOut()) {
            leave.run();
            return response;
        }
        return responseOut(loop, response, context, meta, clientBody, request.timeout(), leave);
    }

    /* --------------- Response half --------------- */

    private ProviderResponse responseOut(JsLoop loop, ProviderResponse response, Value context, String meta, String clientBody,
                                         Duration readTimeout, Runnable leave) throws IOException {
        int stream = loop.streams().register(response.body());
        ResponseOut out;
        try {
            out = await("transformResponseOut", loop.call("responseOut", timeout, values -> {
                ScriptFailure.throwIfError(values[0]);
                if (values[2] != null && !values[2].isNull()) {
                    values[2].pin();
                }
                return new ResponseOut(Bootstrap.tree(values[1].asString()), values[2]);
            }, plugin.index(), response.status(), headers(response.headers()), stream, context, meta, clientBody));
        } catch (IOException | RuntimeException e) {
            loop.streams().close(stream);
            throw e;
        }
        if (out.json().path("same").asBoolean()) {
            loop.streams().release(stream);
            leave.run();
            return response;
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        out.json().path("headers").forEach(pair -> headers.add(Map.entry(pair.get(0).asText(), pair.get(1).asText())));
        return new ProviderResponse(out.json().path("status").asInt(200), new HeaderList(headers),
                new JsBodyStream(loop, out.response(), plugin, readTimeout, () -> {
                    loop.streams().close(stream);
                    leave.run();
                }));
    }

    /* --------------- Request half --------------- */

    /** Applies {@code {body, url?, headers?, timeout?}} from the runtime to the request. */
    private ProviderRequest apply(ProviderRequest request, String json) throws TransformerException {
        JsonNode out = Bootstrap.tree(json);
        ProviderRequest next = request.withBody((ObjectNode) out.get("body"));
        if (out.has("url")) {
            String url = out.get("url").asText();
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                uri = null;
            }
            if (uri == null || uri.getHost() == null || !uri.getScheme().toLowerCase(Locale.ROOT).startsWith("http")) {
                throw fail("transformRequestIn returned config.url '" + url + "', which is not an http(s) URL");
            }
            next = next.withUrl(uri);
        }
        if (out.has("headers")) {
            HeaderList headers = next.headers();
            for (JsonNode pair : out.get("headers")) {
                String name = pair.get(0).asText();
                headers = pair.get(1).isNull() ? headers.without(name) : headers.with(name, pair.get(1).asText());
            }
            next = next.withHeaders(headers);
        }
        if (out.has("timeout")) {
            next = next.withTimeout(Duration.ofMillis(out.get("timeout").asLong()));
        }
        return next;
    }

    /* --------------- Helpers --------------- */

    private <T> T await(String method, CompletableFuture<T> call) throws IOException {
        long start = System.nanoTime();
        boolean ok = false;
        try {
            T answer = call.get(timeout.plus(JsLoop.GRACE).toMillis(), TimeUnit.MILLISECONDS);
            ok = true;
            return answer;
        } catch (TimeoutException e) {
            call.cancel(false);
            throw fail(method + " did not finish within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw fail(method + " failed: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(plugin.label() + " was interrupted");
        } finally {
            host.calls().called(plugin.name(), method, Duration.ofNanos(System.nanoTime() - start), ok);
        }
    }

    private TransformerException fail(String what) {
        String message = "Transformer " + plugin.label() + ": " + what;
        LOG.error(message);
        return new TransformerException(message);
    }

    private static String meta(TransformContext context) {
        ObjectNode meta = JSON.createObjectNode()
                .put("provider", context.provider().name())
                .put("model", context.model())
                .put("scenario", context.scenario());
        ObjectNode headers = meta.putObject("headers");
        context.clientHeaders().forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));
        return meta.toString();
    }

    /** CCR's {@code LLMProvider}: name, baseUrl, apiKey, models (docs/plugins.md). */
    private static String provider(ProviderInfo provider) {
        ObjectNode node = JSON.createObjectNode()
                .put("name", provider.name())
                .put("baseUrl", provider.baseUrl().toString())
                .put("apiKey", provider.apiKey());
        ArrayNode models = node.putArray("models");
        provider.models().forEach(models::add);
        return node.toString();
    }

    private static String headers(HeaderList headers) {
        ArrayNode pairs = JSON.createArrayNode();
        headers.entries().forEach(e -> pairs.addArray().add(e.getKey()).add(e.getValue()));
        return pairs.toString();
    }
}
