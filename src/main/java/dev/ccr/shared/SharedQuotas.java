package dev.ccr.shared;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.quota.QuotaSharing;
import dev.ccr.quota.QuotaSnapshot;
import dev.ccr.quota.QuotaStore;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.UUID;

/**
 * Provider quotas shared between a team's instances: a quota one instance polled, probed or read from an answer's
 * headers (a spent plan above all) holds for every instance, so none of them sends work to a provider another found
 * spent. Each snapshot taken here is written to the hash {@code ccr:quotas} (one field per provider) and published on
 * {@link RedisState#CHANNEL} by one script ({@link NewerWins}): a snapshot never replaces a newer one, in Redis or in
 * the other instances' {@link QuotaStore}, which the quota gate keeps reading without touching Redis.
 *
 * <p>Snapshots are readings, not counters: the newest one of a provider is the truth, so there is nothing to add up,
 * only a time to compare, and that comparison is made inside Redis. Polling takes turns through a claim that expires
 * ({@link #claimPoll}), so a team asks a provider's quota endpoint about as often as one instance would. After an
 * outage, an instance hands over its snapshots and takes on the newer ones Redis holds.
 */
public final class SharedQuotas implements QuotaSharing, RedisState.Part {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String QUOTAS = "ccr:quotas";
    /** {@code ccr:quota-poll:<provider>}: held by the instance that polls the provider this turn. */
    static final String POLL_CLAIM = "ccr:quota-poll:";
    private static final String TYPE = "quota";

    private final RedisState redis;
    private final QuotaStore store;
    private final String origin = UUID.randomUUID().toString();

    private SharedQuotas(RedisState redis, QuotaStore store) {
        this.redis = redis;
        this.store = store;
    }

    /** Shares {@code store}'s snapshots through {@code redis} from now on. */
    public static SharedQuotas share(RedisState redis, QuotaStore store) {
        SharedQuotas shared = new SharedQuotas(redis, store);
        store.shareWith(shared);
        redis.add(shared);
        return shared;
    }

    @Override
    public void stored(QuotaSnapshot snapshot) {
        if (!redis.degraded()) {
            redis.connection().ifPresent(c -> c.async().eval(NewerWins.IN_HASH, ScriptOutputType.INTEGER,
                    new String[]{QUOTAS}, snapshot.provider(), entry(snapshot).toString(), RedisState.CHANNEL)
                    .exceptionally(e -> null));
        }
    }

    /** One atomic {@code SET NX PX} in Redis: the first instance to ask polls; the others skip this turn. */
    @Override
    public boolean claimPoll(String provider, Duration hold) {
        if (redis.degraded() || hold.toMillis() <= 0) {
            return true;
        }
        try {
            return "OK".equals(redis.connection().orElseThrow().sync().set(POLL_CLAIM + provider, origin,
                    SetArgs.Builder.nx().px(hold.toMillis())));
        } catch (RuntimeException e) {
            return true; // Redis went away: poll, as an instance alone would
        }
    }

    @Override
    public void received(String text) {
        JsonNode message = parse(text);
        if (TYPE.equals(message.path("type").asText()) && !origin.equals(message.path("origin").asText())) {
            store.applyShared(QuotaSnapshot.fromJson(message.path("snapshot")));
        }
    }

    /** Hands over every snapshot kept here (Redis keeps the newer), then takes on those Redis holds. */
    @Override
    public void resynchronise() {
        RedisCommands<String, String> commands = redis.connection().orElseThrow().sync();
        for (QuotaSnapshot snapshot : store.all()) {
            commands.eval(NewerWins.IN_HASH, ScriptOutputType.INTEGER, new String[]{QUOTAS}, snapshot.provider(),
                    entry(snapshot).toString(), RedisState.CHANNEL);
        }
        commands.hgetall(QUOTAS).values().forEach(entry -> store.applyShared(QuotaSnapshot.fromJson(parse(entry).path("snapshot"))));
    }

    private ObjectNode entry(QuotaSnapshot snapshot) {
        ObjectNode entry = JSON.createObjectNode().put("type", TYPE).put("origin", origin)
                .put("provider", snapshot.provider()).put("at", snapshot.checkedAt().toEpochMilli());
        entry.set("snapshot", snapshot.toJson());
        return entry;
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
