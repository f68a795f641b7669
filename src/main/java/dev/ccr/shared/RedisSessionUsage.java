package dev.ccr.shared;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.ccr.routing.LastUsage;
import dev.ccr.routing.SessionUsage;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BinaryOperator;

/**
 * Each session's last usage, shared by a team's instances: a session whose answer one instance saw routes its next
 * request to {@code longContext} alike on any other. Every recorded usage goes to its own Redis key
 * ({@code ccr:session:<id>}, expiring {@link #TTL} after its last write) and is published on
 * {@link RedisState#CHANNEL} by one script ({@link NewerWins}), off the request path.
 *
 * <p>Reads stay local where they can: every instance keeps a near cache that its own answers and the others'
 * messages fill, so a session already seen costs no call to Redis. A session the near cache does not know (this
 * instance started later, or evicted it) is read from Redis once, and the answer, present or absent, kept; messages
 * then keep it current. While Redis is away, this instance records and reads its near cache alone; when Redis is
 * back it hands over what it knows (the newer entry wins, and the loser learns the winner) and forgets its "absent"
 * answers, which may have become wrong meanwhile.
 */
public final class RedisSessionUsage implements SessionUsage, RedisState.Part {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String PREFIX = "ccr:session:";
    /**
     * How long a session's last usage outlives its last answer, in Redis and in the near cache. Redis cannot evict
     * the least recently used of a group of keys the way the embedded cache does, so an expiry bounds it instead: a
     * day covers a session resumed after a break, and a team's sessions of a day are a few hundred small keys.
     */
    static final Duration TTL = Duration.ofHours(24);
    /** The near cache: larger than the embedded 100, since one instance serves a whole team's sessions. */
    static final int NEAR_CAPACITY = 10_000;
    private static final String TYPE = "sessionUsage";
    /** How long a resynchronisation waits for Redis to answer its writes (it runs on its own thread). */
    private static final Duration RESYNC_WAIT = Duration.ofSeconds(10);

    /** What this instance knows of a session: its last usage, or that Redis had none, as of {@code at} (epoch ms). */
    private record Known(Optional<LastUsage> usage, long at) {
        static final Known ABSENT = new Known(Optional.empty(), Long.MIN_VALUE);
    }

    private static final BinaryOperator<Known> NEWER = (old, candidate) -> candidate.at() >= old.at() ? candidate : old;

    private final RedisState redis;
    private final Clock clock;
    private final String origin = UUID.randomUUID().toString();
    private final Cache<String, Known> near;

    private RedisSessionUsage(RedisState redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
        this.near = Caffeine.newBuilder().maximumSize(NEAR_CAPACITY).expireAfterWrite(TTL).build();
    }

    /** Session usage kept in {@code redis} and shared with the instances connected to it. */
    public static RedisSessionUsage share(RedisState redis, Clock clock) {
        RedisSessionUsage sessions = new RedisSessionUsage(redis, clock);
        redis.add(sessions);
        return sessions;
    }

    /* --------------- The request path --------------- */

    @Override
    public void record(String sessionId, LastUsage usage) {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(usage, "usage");
        if (usage.promptTokens() <= 0) {
            return;
        }
        long at = clock.millis();
        near.asMap().merge(sessionId, new Known(Optional.of(usage), at), NEWER);
        if (!redis.degraded()) {
            redis.connection().ifPresent(c -> c.async().eval(NewerWins.IN_KEY_WITH_EXPIRY, ScriptOutputType.VALUE,
                    new String[]{PREFIX + sessionId}, entry(sessionId, usage, at).toString(),
                    String.valueOf(TTL.toMillis()), RedisState.CHANNEL).exceptionally(e -> null));
        }
    }

    @Override
    public Optional<LastUsage> last(String sessionId) {
        Known known = near.getIfPresent(sessionId);
        if (known != null) {
            return known.usage();
        }
        if (redis.degraded()) {
            return Optional.empty();
        }
        try {
            String entry = redis.connection().orElseThrow().sync().get(PREFIX + sessionId);
            Known fetched = entry == null ? Known.ABSENT : known(parse(entry)).orElse(Known.ABSENT);
            // merge, not put: a message that arrived during the read is newer than an "absent"
            return near.asMap().merge(sessionId, fetched, NEWER).usage();
        } catch (RuntimeException e) {
            return Optional.empty(); // Redis went away mid-read: as if the session were new here
        }
    }

    /* --------------- Other instances --------------- */

    @Override
    public void received(String text) {
        JsonNode message = parse(text);
        if (!TYPE.equals(message.path("type").asText()) || origin.equals(message.path("origin").asText())) {
            return;
        }
        String session = message.path("session").asText("");
        if (!session.isEmpty()) {
            known(message).ifPresent(known -> near.asMap().merge(session, known, NEWER));
        }
    }

    /**
     * Hands over every session this instance knows; for each, Redis keeps the newer entry and this instance takes
     * it. "Absent" answers are forgotten, so those sessions are read from Redis again.
     */
    @Override
    public void resynchronise() {
        RedisAsyncCommands<String, String> commands = redis.connection().orElseThrow().async();
        Map<String, RedisFuture<String>> kept = new HashMap<>();
        List<String> absent = new ArrayList<>();
        near.asMap().forEach((session, known) -> {
            if (known.usage().isEmpty()) {
                absent.add(session);
            } else {
                kept.put(session, commands.eval(NewerWins.IN_KEY_WITH_EXPIRY, ScriptOutputType.VALUE,
                        new String[]{PREFIX + session}, entry(session, known.usage().get(), known.at()).toString(),
                        String.valueOf(TTL.toMillis()), RedisState.CHANNEL));
            }
        });
        near.invalidateAll(absent);
        long deadline = System.nanoTime() + RESYNC_WAIT.toNanos();
        kept.forEach((session, future) -> {
            try {
                known(parse(future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)))
                        .ifPresent(winner -> near.asMap().merge(session, winner, NEWER));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while resynchronising session usage", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("could not hand over session usage: " + e.getMessage(), e);
            }
        });
    }

    /* --------------- The entries --------------- */

    private ObjectNode entry(String session, LastUsage usage, long at) {
        return JSON.createObjectNode().put("type", TYPE).put("origin", origin).put("session", session).put("at", at)
                .put("inputTokens", usage.inputTokens()).put("cacheReadInputTokens", usage.cacheReadInputTokens())
                .put("cacheCreationInputTokens", usage.cacheCreationInputTokens());
    }

    private static Optional<Known> known(JsonNode entry) {
        if (!entry.path("at").isNumber()) {
            return Optional.empty();
        }
        LastUsage usage = new LastUsage(entry.path("inputTokens").asLong(), entry.path("cacheReadInputTokens").asLong(),
                entry.path("cacheCreationInputTokens").asLong());
        return Optional.of(new Known(Optional.of(usage), entry.path("at").asLong()));
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
