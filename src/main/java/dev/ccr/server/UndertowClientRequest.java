package dev.ccr.server;

import dev.ccr.client.ApiError;
import dev.ccr.client.ClientRequest;
import dev.ccr.limits.ClientKey;
import dev.ccr.routing.Target;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.ServerConnection;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HeaderValues;

import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The pipeline's view of an Undertow exchange whose body has been read. */
final class UndertowClientRequest implements ClientRequest {
    private final HttpServerExchange exchange;
    private final byte[] body;
    private final List<Map.Entry<String, String>> headers;

    UndertowClientRequest(HttpServerExchange exchange, byte[] body) {
        this.exchange = exchange;
        this.body = body;
        List<Map.Entry<String, String>> list = new ArrayList<>();
        for (HeaderValues values : exchange.getRequestHeaders()) {
            String name = values.getHeaderName().toString().toLowerCase(Locale.ROOT);
            values.forEach(v -> list.add(new SimpleEntry<>(name, v)));
        }
        this.headers = List.copyOf(list);
    }

    @Override
    public String method() {
        return exchange.getRequestMethod().toString();
    }

    @Override
    public String path() {
        return exchange.getRequestPath();
    }

    @Override
    public List<Map.Entry<String, String>> headers() {
        return headers;
    }

    @Override
    public byte[] body() {
        return body;
    }

    @Override
    public Optional<String> clientKey() {
        return Optional.ofNullable(exchange.getAttachment(AuthHandler.CLIENT_KEY)).map(ClientKey::name);
    }

    @Override
    public void admit(Target routed) {
        ClientKey key = exchange.getAttachment(AuthHandler.CLIENT_KEY);
        if (key != null && !key.allows(routed.provider(), routed.model())) {
            throw ApiError.permission("Client key '" + key.name() + "' may not use " + routed.provider() + ","
                    + routed.model()).exception();
        }
    }

    @Override
    public void onDisconnect(Runnable action) {
        DisconnectWatch.of(exchange.getConnection()).watch(exchange, action);
        PeerCloseProbe.start(exchange, action);
    }

    /**
     * One close listener per connection, pointing at the current request's action: Undertow offers no way to remove
     * a close listener, so adding one per request would grow without bound on keep-alive connections.
     */
    private static final class DisconnectWatch {
        private static final AttachmentKey<DisconnectWatch> KEY = AttachmentKey.create(DisconnectWatch.class);
        private volatile Runnable current;

        static DisconnectWatch of(ServerConnection connection) {
            synchronized (connection) {
                DisconnectWatch watch = connection.getAttachment(KEY);
                if (watch == null) {
                    DisconnectWatch created = new DisconnectWatch();
                    connection.putAttachment(KEY, created);
                    connection.addCloseListener(c -> created.fire());
                    watch = created;
                }
                return watch;
            }
        }

        void watch(HttpServerExchange exchange, Runnable action) {
            current = action;
            exchange.addExchangeCompleteListener((ex, next) -> {
                current = null;
                next.proceed();
            });
        }

        private void fire() {
            Runnable action = current;
            current = null;
            if (action != null) {
                action.run();
            }
        }
    }
}
