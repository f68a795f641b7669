package dev.ccr.quota;

import dev.ccr.config.QuotaSettings;
import dev.ccr.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class QuotaGateTest {
    private final MutableClock clock = MutableClock.atEpochDay();
    private final QuotaStore store = new QuotaStore(Optional.empty());

    private QuotaGate gate(QuotaSettings.Reserve reserve) {
        return new QuotaGate(store, new QuotaSettings(Duration.ofMinutes(10), Duration.ofSeconds(15), reserve, Map.of()), clock);
    }

    private void plan(String provider, double usedFiveHours, Instant reset) {
        store.put(QuotaSnapshot.known(provider, "test", clock.instant(), QuotaReading.ofWindows(List.of(
                new QuotaWindow("5h", usedFiveHours, 100, Optional.of(reset)),
                new QuotaWindow("7d", 10, 100, Optional.of(reset.plus(Duration.ofDays(3))))))));
    }

    @Test
    void anExhaustedWindowClosesTheProviderUntilItsResetTime() {
        Instant reset = clock.instant().plus(Duration.ofHours(2));
        plan("glm", 100, reset);
        QuotaGate gate = gate(QuotaSettings.Reserve.NONE);

        assertThat(gate.closedReason("glm", "default")).contains("quota exhausted: the 5h window is used up until " + reset);
        assertThat(gate.verdict("glm").state()).isEqualTo(QuotaGate.State.EXHAUSTED);
        clock.advance(Duration.ofHours(2));
        assertThat(gate.closedReason("glm", "default")).isEmpty();
    }

    @Test
    void aSpentBalanceClosesTheProviderUntilAReadingSaysOtherwise() {
        store.put(QuotaSnapshot.known("deepseek", "deepseek", clock.instant(), QuotaReading.ofBalance(new QuotaBalance(
                OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.of(0), OptionalDouble.empty(), Optional.of("CNY")))));
        assertThat(gate(QuotaSettings.Reserve.NONE).closedReason("deepseek", "think")).contains("balance exhausted: 0.00 CNY left");
    }

    @Test
    void theReserveKeepsAProviderNearItsLimitForTheNamedScenariosOnly() {
        Instant reset = clock.instant().plus(Duration.ofHours(1));
        plan("glm", 92, reset);
        QuotaGate gate = gate(new QuotaSettings.Reserve(10, 10, Set.of("think")));

        assertThat(gate.closedReason("glm", "think")).isEmpty();
        assertThat(gate.closedReason("glm", "default"))
                .contains("quota kept in reserve for think: the 5h window has 8% left (reserve 10%) until " + reset);
        assertThat(gate.verdict("glm").state()).isEqualTo(QuotaGate.State.RESERVE);

        plan("glm", 85, reset);
        assertThat(gate.closedReason("glm", "default")).isEmpty();
    }

    @Test
    void anUnknownOrMissingQuotaNeverClosesAProvider() {
        store.put(QuotaSnapshot.unknown("kimi", "kimi-coding", clock.instant(), "kimi refused the credentials (HTTP 401)"));
        QuotaGate gate = gate(new QuotaSettings.Reserve(50, 50, Set.of()));
        assertThat(gate.closedReason("kimi", "default")).isEmpty();
        assertThat(gate.verdict("kimi").state()).isEqualTo(QuotaGate.State.UNKNOWN);
        assertThat(gate.closedReason("never-seen", "default")).isEmpty();
        assertThat(gate.verdict("never-seen").state()).isEqualTo(QuotaGate.State.UNTRACKED);
    }
}
