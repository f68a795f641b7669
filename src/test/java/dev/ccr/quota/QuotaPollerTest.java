package dev.ccr.quota;

import dev.ccr.config.Config;
import dev.ccr.config.ConfigParser;
import dev.ccr.config.Json5;
import dev.ccr.config.Provider;
import dev.ccr.testing.MutableClock;
import dev.ccr.testing.Upstreams;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;

class QuotaPollerTest {
    private final MockWebServer server = Upstreams.mock();
    private final MutableClock clock = MutableClock.atEpochDay();
    private final QuotaStore store = new QuotaStore(Optional.empty());
    /** The config the last {@link #poller} was made from. */
    private Config config;

    @AfterEach
    void stop() {
        server.close();
    }

    private QuotaPoller poller(String extraProvider) throws Exception {
        config = ConfigParser.parse(Json5.parse("""
                {Providers: [{name: "ds", api_base_url: "https://relay.example/v1/chat/completions", api_key: "sk-secret",
                              quota: {adapter: "deepseek", url: "%s"}}%s]}
                """.formatted(Upstreams.url(server, "/"), extraProvider)), Map.of());
        return new QuotaPoller(config.providers(), config.quota(), store, QuotaHttp.create(Optional.empty(), Duration.ofSeconds(5)),
                clock, RandomGenerator.of("L64X128MixRandom"));
    }

    @Test
    void aProbeKeepsTheReadingWithItsTimeAndSource() throws Exception {
        server.enqueue(new MockResponse.Builder().body("{\"is_available\": true, \"balance_infos\": [{\"currency\": \"USD\", \"total_balance\": \"3.50\"}]}").build());
        try (QuotaPoller poller = poller("")) {
            QuotaSnapshot snapshot = poller.probe("DS").orElseThrow();
            assertThat(snapshot.source()).isEqualTo("deepseek");
            assertThat(snapshot.checkedAt()).isEqualTo(clock.instant());
            assertThat(snapshot.remainingBalance().getAsDouble()).isEqualTo(3.5);
            assertThat(store.get("ds")).contains(snapshot);
        }
    }

    @Test
    void aFailingAdapterMarksTheQuotaUnknownWithTheReason() throws Exception {
        server.enqueue(new MockResponse.Builder().code(401).build());
        try (QuotaPoller poller = poller("")) {
            QuotaSnapshot snapshot = poller.probe("ds").orElseThrow();
            assertThat(snapshot.reading()).isEmpty();
            assertThat(snapshot.unknownReason().orElseThrow()).contains("HTTP 401").doesNotContain("sk-secret");
            assertThat(store.get("ds")).contains(snapshot);
        }
    }

    @Test
    void probeAllSkipsProvidersWithoutAnAdapterAndAnUnknownNameFindsNothing() throws Exception {
        server.enqueue(new MockResponse.Builder().body("{\"balance_infos\": [{\"total_balance\": \"1\"}]}").build());
        try (QuotaPoller poller = poller(", {name: \"local\", api_base_url: \"http://127.0.0.1:1/v1\", api_key: \"k\"}")) {
            assertThat(poller.probeAll()).extracting(QuotaSnapshot::provider).containsExactly("ds");
            assertThat(poller.probe("local").orElseThrow().unknownReason().orElseThrow()).contains("knows no quota endpoint for 127.0.0.1");
            assertThat(store.get("local")).isEmpty();
            assertThat(poller.probe("nobody")).isEmpty();
        }
    }

    @Test
    void intervalsAreJitteredByAtMostTenPercent() throws Exception {
        try (QuotaPoller poller = poller("")) {
            for (int i = 0; i < 200; i++) {
                assertThat(poller.jittered(Duration.ofMinutes(10))).isBetween(Duration.ofMinutes(9), Duration.ofMinutes(11));
            }
        }
    }
    @Test
    void aScheduledPollIsSkippedWhileAnotherInstanceHasTheTurn() throws Exception {
        server.enqueue(new MockResponse.Builder().body("{\"is_available\": true, \"balance_infos\": [{\"currency\": \"USD\", \"total_balance\": \"3.50\"}]}").build());
        List<Duration> asked = new ArrayList<>();
        try (QuotaPoller poller = poller("")) {
            Provider ds = config.providers().getFirst();
            store.shareWith(new QuotaSharing() {
                @Override
                public void stored(QuotaSnapshot snapshot) {
                }

                @Override
                public boolean claimPoll(String provider, Duration hold) {
                    asked.add(hold);
                    return false; // another instance polled it a moment ago
                }
            });
            poller.pollInTurn(ds);
            assertThat(server.getRequestCount()).isZero();
            assertThat(asked).containsExactly(Duration.ofMinutes(5)); // half the default 10-minute interval

            store.shareWith(QuotaSharing.NONE); // alone, every turn is this instance's
            poller.pollInTurn(ds);
            assertThat(server.getRequestCount()).isEqualTo(1);
            assertThat(store.get("ds")).isPresent();
        }
    }
}
