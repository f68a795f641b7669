package dev.ccr.shared;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One instance's link to the team's Redis: a command connection and a pub/sub connection, both reconnecting on their
 * own. While Redis is away the instance is <em>degraded</em>: commands fail at once (never queue behind a request),
 * the parts that share state keep serving on their local state, and the outage and its end are each logged once. When
 * Redis is back, every {@link Part} resynchronises: it hands over what changed here and takes what changed elsewhere.
 *
 * <p>Redis is reached only off the request path: changes are published asynchronously, and other instances' changes
 * arrive by pub/sub on Lettuce's IO thread.
 */
public final class RedisState implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisState.class);
    /** Every message between instances goes on this one channel. */
    static final String CHANNEL = "ccr:state";
    /** How long a command may take before the instance treats Redis as away. */
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(1);

    /** Something that shares its state through Redis. */
    interface Part {
        /** Another instance's message on {@link #CHANNEL}. */
        void received(String message);

        /** Redis is (back) up: hand over local changes, take the others'. Runs on its own thread. */
        void resynchronise();
    }

    private final String where;
    private final RedisClient client;
    private final ClientResources resources;
    private final List<Part> parts = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile StatefulRedisPubSubConnection<String, String> pubsub;
    private volatile boolean degraded;
    private volatile boolean closed;
    private Thread connector;

    private RedisState(RedisURI uri) {
        this.where = uri.getHost() + ":" + uri.getPort() + "/" + uri.getDatabase(); // never the password
        this.resources = ClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(2), 2,
                        TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(COMMAND_TIMEOUT).build())
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .build());
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> handler, SocketAddress address) {
                if (connection != null && pubsub != null) {
                    Thread.ofVirtual().name("ccr-redis-resync").start(RedisState.this::backUp);
                }
            }

            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
                if (!closed) {
                    away("connection lost");
                }
            }
        });
    }

    /**
     * Connects to {@code uri} ({@code redis://[:password@]host:port/db}). Redis being down at start does not stop ccr:
     * the instance starts degraded and connects in the background.
     */
    public static RedisState connect(String uri) {
        RedisState state = new RedisState(RedisURI.create(uri));
        if (!state.tryConnect()) {
            state.connectInBackground();
        }
        return state;
    }

    /** Where Redis is, without credentials, as logs and {@code /api/health} show it. */
    public String where() {
        return where;
    }

    /** Whether Redis is away and this instance serves on its local state. */
    public boolean degraded() {
        return degraded || connection == null;
    }

    /** The command connection, when there is one (it may still be reconnecting: commands then fail at once). */
    Optional<StatefulRedisConnection<String, String>> connection() {
        return Optional.ofNullable(connection);
    }

    /** Adds a part: it receives other instances' messages and resynchronises now (when connected) and after outages. */
    void add(Part part) {
        parts.add(part);
        if (!degraded()) {
            part.resynchronise();
        }
    }

    private boolean tryConnect() {
        try {
            StatefulRedisConnection<String, String> commands = client.connect();
            StatefulRedisPubSubConnection<String, String> subscriber = client.connectPubSub();
            subscriber.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    deliver(message);
                }
            });
            subscriber.sync().subscribe(CHANNEL);
            synchronized (lock) {
                connection = commands;
                pubsub = subscriber;
            }
            backUp();
            return true;
        } catch (RuntimeException e) {
            away(e.getMessage());
            return false;
        }
    }

    private void connectInBackground() {
        connector = Thread.ofVirtual().name("ccr-redis-connect").start(() -> {
            while (!closed && connection == null) {
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException e) {
                    return;
                }
                if (!closed) {
                    tryConnect();
                }
            }
        });
    }

    private void deliver(String message) {
        for (Part part : parts) {
            try {
                part.received(message);
            } catch (RuntimeException e) {
                LOG.debug("ignoring a shared-state message that could not be applied: {}", e.toString());
            }
        }
    }

    private void away(String reason) {
        synchronized (lock) {
            if (degraded) {
                return;
            }
            degraded = true;
        }
        LOG.warn("Redis at {} is unreachable ({}): serving on this instance's own state until it is back", where, reason);
    }

    /** Connected (again): resynchronise every part, then leave the degraded state. */
    private void backUp() {
        forEachPart(Part::resynchronise);
        boolean wasDegraded;
        synchronized (lock) {
            wasDegraded = degraded;
            degraded = false;
        }
        if (wasDegraded) {
            LOG.info("Redis at {} is reachable again: shared state resynchronised", where);
        }
    }

    private void forEachPart(Consumer<Part> action) {
        for (Part part : parts) {
            try {
                action.accept(part);
            } catch (RuntimeException e) {
                LOG.warn("Could not resynchronise shared state with Redis at {}: {}", where, e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        if (connector != null) {
            connector.interrupt();
        }
        if (pubsub != null) {
            pubsub.close();
        }
        if (connection != null) {
            connection.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown();
    }
}
