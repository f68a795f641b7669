package dev.ccr.shared;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.resilience.CircuitBreaker;
import dev.ccr.resilience.ModelRef;
import dev.ccr.resilience.Promotions;
import dev.ccr.resilience.ProviderHealth;
import dev.ccr.resilience.ResilienceSharing;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Breaker changes and promotions shared between a team's instances. Each change made here is written to a Redis hash
 * ({@code ccr:breakers}, {@code ccr:promotions}) and published on {@link RedisState#CHANNEL} by one Lua script
 * ({@link NewerWins}), so the two happen together; the other instances apply it to their local {@link ProviderHealth}
 * and {@link Promotions}, which requests keep reading without touching Redis. A breaker change carries the time it
 * happened: an older one never replaces a newer one, in Redis or here. The hashes are what a resynchronisation reads
 * after an outage; a promotion cleared while Redis was away is not remembered (promotions last minutes and clear again
 * on failure).
 */
public final class SharedResilience implements ResilienceSharing, RedisState.Part {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String BREAKERS = "ccr:breakers";
    static final String PROMOTIONS = "ccr:promotions";
    /** Breaker states older than this are not taken on (as the health file's restore). */
    private static final Duration MAX_AGE = Duration.ofHours(24);

    /** KEYS[1] promotions, ARGV[1] "primary" or "fallback", ARGV[2] the model, ARGV[3] message, ARGV[4] channel. */
    private static final String CLEAR_PROMOTIONS = """
            local entries = redis.call('HGETALL', KEYS[1])
            for i = 1, #entries, 2 do
              if cjson.decode(entries[i + 1])[ARGV[1]] == ARGV[2] then redis.call('HDEL', KEYS[1], entries[i]) end
            end
            redis.call('PUBLISH', ARGV[4], ARGV[3])
            return 1""";

    private final RedisState redis;
    private final ProviderHealth health;
    private final Promotions promotions;
    private final Clock clock;
    private final String origin = UUID.randomUUID().toString();
    /** When each model's breaker last changed, here or as applied from elsewhere (epoch ms). */
    private final Map<ModelRef, Long> lastChange = new ConcurrentHashMap<>();

    private SharedResilience(RedisState redis, ProviderHealth health, Promotions promotions, Clock clock) {
        this.redis = redis;
        this.health = health;
        this.promotions = promotions;
        this.clock = clock;
    }

    /** Shares {@code health} and {@code promotions} through {@code redis} from now on. */
    public static SharedResilience share(RedisState redis, ProviderHealth health, Promotions promotions, Clock clock) {
        SharedResilience shared = new SharedResilience(redis, health, promotions, clock);
        health.shareWith(shared);
        promotions.shareWith(shared);
        redis.add(shared);
        return shared;
    }

    /* --------------- Changes made here --------------- */

    @Override
    public void breakerChanged(ModelRef model, CircuitBreaker.Snapshot snapshot) {
        long at = clock.millis();
        lastChange.put(model, at);
        store(BREAKERS, model.toString(), breaker(model, snapshot, at));
    }

    @Override
    public void promoted(Promotions.Promoted promotion) {
        store(PROMOTIONS, promotion.primary() + "|" + promotion.scenario(), promotion(promotion, clock.millis()));
    }

    @Override
    public void primaryCleared(ModelRef primary) {
        clear("primary", primary);
    }

    @Override
    public void fallbackCleared(ModelRef fallback) {
        clear("fallback", fallback);
    }

    private void store(String hash, String field, ObjectNode entry) {
        redis.connection().ifPresent(c -> c.async().eval(NewerWins.IN_HASH, ScriptOutputType.INTEGER, new String[]{hash},
                field, entry.toString(), RedisState.CHANNEL).exceptionally(e -> null));
    }

    private void clear(String role, ModelRef model) {
        ObjectNode message = message(role + "Cleared").put("model", model.toString());
        redis.connection().ifPresent(c -> c.async().eval(CLEAR_PROMOTIONS, ScriptOutputType.INTEGER,
                new String[]{PROMOTIONS}, role, model.toString(), message.toString(), RedisState.CHANNEL)
                .exceptionally(e -> null));
    }

    /* --------------- Changes made elsewhere --------------- */

    @Override
    public void received(String text) {
        JsonNode message = parse(text);
        if (origin.equals(message.path("origin").asText())) {
            return;
        }
        switch (message.path("type").asText()) {
            case "breaker" -> applyBreaker(message);
            case "promoted" -> applyPromotion(message);
            case "primaryCleared" -> model(message.path("model")).ifPresent(promotions::applyPrimaryCleared);
            case "fallbackCleared" -> model(message.path("model")).ifPresent(promotions::applyFallbackCleared);
            default -> {
                // a message of a newer ccr: ignored
            }
        }
    }

    private void applyBreaker(JsonNode entry) {
        Optional<ModelRef> model = model(entry.path("model"));
        long at = entry.path("at").asLong();
        if (model.isEmpty() || at < clock.millis() - MAX_AGE.toMillis()) {
            return;
        }
        Long known = lastChange.get(model.get());
        if (known == null || known < at) {
            lastChange.put(model.get(), at);
            health.applyShared(model.get(), snapshot(entry));
        }
    }

    private void applyPromotion(JsonNode entry) {
        Optional<ModelRef> primary = model(entry.path("primary"));
        Optional<ModelRef> fallback = model(entry.path("fallback"));
        if (primary.isPresent() && fallback.isPresent()
                && entry.path("at").asLong() + promotions.ttl().toMillis() > clock.millis()) {
            promotions.applyPromoted(new Promotions.Promoted(primary.get(), entry.path("scenario").asText(), fallback.get()));
        }
    }

    /**
     * After an outage (or at start): hands over this instance's open breakers and promotions (older states in Redis
     * give way, newer ones stay), then takes on everything Redis holds that is newer than what is known here.
     */
    @Override
    public void resynchronise() {
        RedisCommands<String, String> commands = redis.connection().orElseThrow().sync();
        long now = clock.millis();
        health.notClosed().forEach((model, snapshot) -> {
            long at = lastChange.computeIfAbsent(model, m -> snapshot.lastFailureTime().map(Instant::toEpochMilli).orElse(now));
            commands.eval(NewerWins.IN_HASH, ScriptOutputType.INTEGER, new String[]{BREAKERS}, model.toString(),
                    breaker(model, snapshot, at).toString(), RedisState.CHANNEL);
        });
        for (Promotions.Promoted p : promotions.all()) {
            commands.eval(NewerWins.IN_HASH, ScriptOutputType.INTEGER, new String[]{PROMOTIONS}, p.primary() + "|" + p.scenario(),
                    promotion(p, now).toString(), RedisState.CHANNEL);
        }
        commands.hgetall(BREAKERS).values().forEach(entry -> applyBreaker(parse(entry)));
        commands.hgetall(PROMOTIONS).values().forEach(entry -> applyPromotion(parse(entry)));
    }

    /* --------------- The entries --------------- */

    private ObjectNode message(String type) {
        return JSON.createObjectNode().put("type", type).put("origin", origin);
    }

    private ObjectNode breaker(ModelRef model, CircuitBreaker.Snapshot s, long at) {
        ObjectNode entry = message("breaker").put("model", model.toString()).put("at", at)
                .put("state", s.state().name()).put("failureCount", s.failureCount()).put("successCount", s.successCount());
        s.lastFailureTime().ifPresent(t -> entry.put("lastFailureTime", t.toEpochMilli()));
        s.lastError().ifPresent(e -> entry.put("lastError", e));
        s.rateLimitUntil().ifPresent(t -> entry.put("rateLimitUntil", t.toEpochMilli()));
        s.openedAt().ifPresent(t -> entry.put("openedAt", t.toEpochMilli()));
        return entry;
    }

    private static CircuitBreaker.Snapshot snapshot(JsonNode e) {
        return new CircuitBreaker.Snapshot(CircuitBreaker.State.valueOf(e.path("state").asText("CLOSED")),
                e.path("failureCount").asInt(), e.path("successCount").asInt(), instant(e.path("lastFailureTime")),
                Optional.ofNullable(e.path("lastError").textValue()), instant(e.path("rateLimitUntil")),
                instant(e.path("openedAt")));
    }

    private ObjectNode promotion(Promotions.Promoted p, long at) {
        return message("promoted").put("primary", p.primary().toString()).put("scenario", p.scenario())
                .put("fallback", p.fallback().toString()).put("at", at);
    }

    private static Optional<Instant> instant(JsonNode node) {
        return node.isNumber() ? Optional.of(Instant.ofEpochMilli(node.asLong())) : Optional.empty();
    }

    private static Optional<ModelRef> model(JsonNode node) {
        return Optional.ofNullable(ModelRef.parseOrNull(node.asText(null)));
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
