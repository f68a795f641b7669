package dev.ccr.quota;

import dev.ccr.config.Provider;
import dev.ccr.config.QuotaSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * Asks each provider's quota adapter on its interval (10 minutes by default, per provider another or none), each
 * time a little earlier or later (±10 %) so that several ccr instances do not ask together, the first time a few
 * seconds after start. Instances sharing their state take turns: one that finds another polled the provider within
 * half an interval skips its turn, since that snapshot reaches it anyway. A call that fails records the quota as
 * unknown with the reason; nothing here ever throws into routing.
 */
public final class QuotaPoller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QuotaPoller.class);
    /** The CCR fork's first probe runs 5 s after start (docs/quota.md). */
    private static final Duration FIRST_RUN = Duration.ofSeconds(5);
    private static final double JITTER = 0.10;
    private static final Duration FLUSH_INTERVAL = Duration.ofMinutes(1);

    private final List<Provider> providers;
    private final QuotaSettings settings;
    private final QuotaStore store;
    private final QuotaHttp http;
    private final Clock clock;
    private final RandomGenerator random;
    private final ScheduledExecutorService timer;

    public QuotaPoller(List<Provider> providers, QuotaSettings settings, QuotaStore store,
                       QuotaHttp http, Clock clock, RandomGenerator random) {
        this.providers = List.copyOf(providers);
        this.settings = settings;
        this.store = store;
        this.http = http;
        this.clock = clock;
        this.random = random;
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("ccr-quota").factory());
    }

    /** Starts polling every provider that has an adapter and an interval above zero. */
    public void start() {
        for (Provider provider : providers) {
            Duration interval = settings.intervalFor(provider.name());
            if (!interval.isZero() && QuotaAdapters.forProvider(provider, settings).isPresent()) {
                schedule(provider, FIRST_RUN.plus(jittered(Duration.ofSeconds(2))));
            }
        }
        timer.scheduleWithFixedDelay(store::flush, FLUSH_INTERVAL.toMillis(), FLUSH_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void schedule(Provider provider, Duration delay) {
        timer.schedule(() -> {
            pollInTurn(provider);
            schedule(provider, jittered(settings.intervalFor(provider.name())));
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A scheduled poll: reads {@code provider}'s quota unless another instance of the team just did. */
    void pollInTurn(Provider provider) {
        if (store.claimPoll(provider.name(), settings.intervalFor(provider.name()).dividedBy(2))) {
            probe(provider);
        }
    }

    /** {@code interval}, moved by up to 10 % either way. */
    Duration jittered(Duration interval) {
        long millis = interval.toMillis();
        long spread = (long) (millis * JITTER);
        return Duration.ofMillis(millis + (spread == 0 ? 0 : random.nextLong(-spread, spread + 1)));
    }

    /** Reads {@code provider}'s quota now and keeps the snapshot (known or unknown) when it has an adapter. */
    public QuotaSnapshot probe(Provider provider) {
        Optional<QuotaAdapter> adapter = QuotaAdapters.forProvider(provider, settings);
        if (adapter.isEmpty()) {
            return QuotaSnapshot.unknown(provider.name(), "none", clock.instant(),
                    "ccr knows no quota endpoint for " + provider.apiBaseUrl().getHost() + " (docs/quota.md lists the providers)");
        }
        QuotaSettings.ProviderQuota own = settings.forProvider(provider.name());
        QuotaCredentials credentials = new QuotaCredentials(provider.apiBaseUrl(), provider.apiKey(), own.token(), own.secToken());
        QuotaSnapshot snapshot;
        try {
            snapshot = QuotaSnapshot.known(provider.name(), adapter.get().name(), clock.instant(), adapter.get().read(credentials, http));
        } catch (QuotaException e) {
            snapshot = QuotaSnapshot.unknown(provider.name(), adapter.get().name(), clock.instant(), e.getMessage());
            if (e.refused()) {
                LOG.warn("Quota of {} unknown: {}", provider.name(), e.getMessage());
            } else {
                LOG.info("Quota of {} unknown: {}", provider.name(), e.getMessage());
            }
        } catch (RuntimeException e) {
            // An answer shaped unlike anything expected must not stop the poller.
            snapshot = QuotaSnapshot.unknown(provider.name(), adapter.get().name(), clock.instant(),
                    "the answer could not be read (" + e.getClass().getSimpleName() + ")");
        }
        store.put(snapshot);
        return snapshot;
    }

    /** Reads the named provider's quota now, or none when no provider has that name. */
    public Optional<QuotaSnapshot> probe(String name) {
        return providers.stream().filter(p -> p.name().equalsIgnoreCase(name)).findFirst().map(this::probe);
    }

    /** Reads every provider's quota that ccr knows how to read (polling on or off). */
    public List<QuotaSnapshot> probeAll() {
        List<QuotaSnapshot> snapshots = new ArrayList<>();
        for (Provider provider : providers) {
            if (QuotaAdapters.forProvider(provider, settings).isPresent()) {
                snapshots.add(probe(provider));
            }
        }
        return snapshots;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        store.flush();
    }
}
