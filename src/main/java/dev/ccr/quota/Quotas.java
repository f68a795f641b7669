package dev.ccr.quota;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.config.Config;
import dev.ccr.config.Provider;
import dev.ccr.config.QuotaSettings;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * A running router's quota watch, the package's entry point: the store, the poller and the gate for one config, the
 * rate-limit headers of answers, and the reports {@code GET /api/providers/quota} and {@code POST
 * /api/providers/probe} return.
 */
public final class Quotas implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Config config;
    private final QuotaStore store;
    private final QuotaPoller poller;
    private final QuotaGate gate;
    private final Clock clock;

    Quotas(Config config, QuotaStore store, QuotaHttp http, Clock clock, RandomGenerator random) {
        this.config = config;
        this.store = store;
        this.clock = clock;
        this.gate = new QuotaGate(store, config.quota(), clock);
        this.poller = new QuotaPoller(config.providers(), config.quota(), store, http, clock, random);
    }

    /**
     * Watches {@code config}'s providers with the built-in adapters and starts polling.
     *
     * @param storeFile where snapshots persist ({@code runtime/quota-store.json}), or empty to keep them in memory
     */
    public static Quotas start(Config config, Optional<Path> storeFile, Clock clock) {
        Quotas quotas = new Quotas(config, new QuotaStore(storeFile),
                QuotaHttp.create(config.proxy(), config.quota().timeout()), clock, RandomGenerator.getDefault());
        quotas.poller.start();
        return quotas;
    }

    /** The snapshots the gate decides from, for a team's instances to share ({@link QuotaStore#shareWith}). */
    public QuotaStore store() {
        return store;
    }

    /** Why {@code provider} must not take a request of {@code scenario} now, or empty (for the fallback planner). */
    public Optional<String> closedReason(String provider, String scenario) {
        // Fallback lists name providers as written; snapshots are kept under the configured name.
        return gate.closedReason(config.provider(provider).map(Provider::name).orElse(provider), scenario);
    }

    /** An answer from {@code provider} arrived with these headers: its {@code anthropic-ratelimit-*} ones are kept. */
    public void answered(String provider, Map<String, List<String>> headers) {
        RateLimitHeaders.read(headers).ifPresent(reading ->
                store.putLater(QuotaSnapshot.known(provider, "anthropic-headers", clock.instant(), reading)));
    }

    /** {@code GET /api/providers/quota}: every provider, its adapter, state and last snapshot. */
    public ObjectNode report() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("providers");
        config.providers().forEach(p -> list.add(entry(p)));
        root.put("timestamp", clock.instant().toString());
        return root;
    }

    /** {@code POST /api/providers/probe}: reads the named provider now; empty when there is no such provider. */
    public Optional<ObjectNode> probe(String provider) {
        return poller.probe(provider).map(snapshot -> {
            ObjectNode root = JSON.createObjectNode();
            Provider p = config.provider(snapshot.provider()).orElseThrow();
            root.putArray("providers").add(entry(p, Optional.of(snapshot)));
            return root.put("timestamp", clock.instant().toString());
        });
    }

    /** {@code POST /api/providers/probe} for all: reads every provider ccr has an adapter for, then reports all. */
    public ObjectNode probeAll() {
        poller.probeAll();
        return report();
    }

    private ObjectNode entry(Provider provider) {
        return entry(provider, store.get(provider.name()));
    }

    private ObjectNode entry(Provider provider, Optional<QuotaSnapshot> snapshot) {
        QuotaSettings settings = config.quota();
        ObjectNode node = JSON.createObjectNode().put("provider", provider.name());
        node.put("adapter", QuotaAdapters.forProvider(provider, settings).map(QuotaAdapter::name).orElse(null));
        node.put("intervalMinutes", settings.intervalFor(provider.name()).toMinutes());
        node.put("quotaToken", settings.forProvider(provider.name()).token().isPresent());
        QuotaSettings.Reserve reserve = settings.reserveFor(provider.name());
        if (reserve.isEmpty()) {
            node.putNull("reserve");
        } else {
            ObjectNode r = node.putObject("reserve").put("5h", reserve.fiveHourPercent()).put("7d", reserve.sevenDayPercent());
            reserve.scenarios().stream().sorted().forEach(r.putArray("scenarios")::add);
        }
        QuotaGate.Verdict verdict = snapshot.isPresent() && snapshot.get().reading().isEmpty()
                ? new QuotaGate.Verdict(QuotaGate.State.UNKNOWN, snapshot.get().unknownReason())
                : gate.verdict(provider.name());
        node.put("state", verdict.state().name().toLowerCase(Locale.ROOT));
        node.put("reason", verdict.reason().orElse(null));
        snapshot.ifPresentOrElse(s -> node.set("snapshot", SnapshotJson.write(s)), () -> node.putNull("snapshot"));
        return node;
    }

    @Override
    public void close() {
        poller.close();
    }
}
