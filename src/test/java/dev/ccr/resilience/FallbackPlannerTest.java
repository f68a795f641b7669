package dev.ccr.resilience;

import dev.ccr.config.ResilienceSettings;
import dev.ccr.testing.MutableClock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class FallbackPlannerTest {
    private static final ModelRef P = new ModelRef("p", "m");
    private static final ModelRef Q = new ModelRef("q", "x");
    private static final ModelRef R = new ModelRef("r", "y");

    private final MutableClock clock = MutableClock.atEpochDay();

    private ResilienceSettings settings(boolean enabled) {
        ResilienceSettings d = ResilienceSettings.DEFAULTS;
        return new ResilienceSettings(enabled, Map.of("default", List.of("q,x", "p,m", "nope,z", "r,y")), d.failureThreshold(),
                d.probeInterval(), d.halfOpenSuccesses(), d.rateLimitCooldown(), d.promotionTtl(), d.retries(),
                d.maxRetryAfterWait(), d.connectTimeout(), d.firstByteTimeout(), d.idleTimeout());
    }

    private record Setup(FallbackPlanner planner, ProviderHealth health, Promotions promotions) {
    }

    private Setup setup(boolean enabled) {
        ResilienceSettings s = settings(enabled);
        Promotions promotions = new Promotions(s.promotionTtl(), () -> clock.millis() * 1_000_000L);
        ProviderHealth health = new ProviderHealth(s, clock, promotions, Optional.empty());
        return new Setup(new FallbackPlanner(s, health, promotions), health, promotions);
    }

    private static boolean configured(ModelRef m) {
        return !m.provider().equals("nope");
    }

    @Test
    void primaryThenFallbacksWithoutRepeatsOrUnknownProviders() {
        Plan plan = setup(true).planner().plan(P, "default", List.of(), FallbackPlannerTest::configured);
        assertThat(plan.candidates()).extracting(Candidate::model).containsExactly(P, Q, R);
        assertThat(plan.skipped()).extracting(Object::toString).containsExactly("nope,z: not configured");
    }

    @Test
    void noFallbacksWhenFallingBackIsOff() {
        Plan plan = setup(false).planner().plan(P, "default", List.of(), FallbackPlannerTest::configured);
        assertThat(plan.candidates()).extracting(Candidate::model).containsExactly(P);
    }

    @Tag("ccr-11.76")
    @Test
    void anOpenPrimaryIsSkippedAndUsedAsLastResortWhenNothingElseIsLeft() {
        Setup s = setup(true);
        for (int i = 0; i < 3; i++) {
            s.health().recordFailure(P, Failure.of(FailureKind.SERVER_ERROR, "500"));
        }
        Plan plan = s.planner().plan(P, "default", List.of(), FallbackPlannerTest::configured);
        assertThat(plan.candidates()).extracting(Candidate::model).containsExactly(Q, R);
        assertThat(plan.skipped()).extracting(Object::toString).contains("p,m: circuit open");

        Plan alone = setup(false).planner().plan(P, "default", List.of(), m -> true);
        assertThat(alone.candidates()).extracting(Candidate::role).containsExactly(Candidate.Role.PRIMARY);
        Setup off = setup(false);
        for (int i = 0; i < 3; i++) {
            off.health().recordFailure(P, Failure.of(FailureKind.SERVER_ERROR, "500"));
        }
        assertThat(off.planner().plan(P, "default", List.of(), m -> true).candidates())
                .containsExactly(new Candidate(P, Candidate.Role.LAST_RESORT));
    }

    @Tag("ccr-11.78")
    @Test
    void aPromotionGoesFirstAndExpiresAfterItsTtl() {
        Setup s = setup(true);
        s.promotions().promote(P, "default", R);
        assertThat(s.planner().plan(P, "default", List.of(), m -> true).candidates().getFirst())
                .isEqualTo(new Candidate(R, Candidate.Role.PROMOTED));
        assertThat(s.planner().plan(P, "think", List.of(), m -> true).candidates().getFirst().model()).isEqualTo(P);

        clock.advance(Duration.ofMinutes(10).minusSeconds(1));
        assertThat(s.promotions().promoted(P, "default")).contains(R);
        clock.advance(Duration.ofSeconds(1));
        assertThat(s.promotions().promoted(P, "default")).isEmpty();
    }

    @Tag("ccr-11.78")
    @Test
    void aPromotionIsClearedWhenThePrimaryRecoversOrTheFallbackFails() {
        Setup s = setup(true);
        s.promotions().promote(P, "default", R);
        s.health().recordFailure(R, Failure.of(FailureKind.UNREACHABLE, "reset"));
        assertThat(s.promotions().promoted(P, "default")).isEmpty();

        s.promotions().promote(P, "default", R);
        s.health().forceOpen(P, "fallback answered");
        s.health().recordSuccess(P);
        s.health().recordSuccess(P);
        assertThat(s.health().snapshot(P).orElseThrow().state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(s.promotions().promoted(P, "default")).isEmpty();
    }

    @Test
    void decisionFallbacksComeBeforeTheTopLevelList() {
        Plan plan = setup(true).planner().plan(P, "default", List.of("r,y"), m -> true);
        assertThat(plan.candidates()).extracting(Candidate::model).containsExactly(P, R, Q, new ModelRef("nope", "z"));
    }

    @Test
    void aCandidateTheGateClosesIsSkippedWithTheGatesReasonLikeAnOpenCircuit() {
        ResilienceSettings settings = settings(true);
        Promotions promotions = new Promotions(settings.promotionTtl(), () -> clock.millis() * 1_000_000L);
        ProviderHealth health = new ProviderHealth(settings, clock, promotions, Optional.empty());
        ProviderGate gate = (model, scenario) -> model.provider().equals("q") || model.equals(P) && scenario.equals("default")
                ? Optional.of("quota exhausted") : Optional.empty();
        FallbackPlanner planner = new FallbackPlanner(settings, health, promotions, gate);

        Plan plan = planner.plan(P, "default", List.of(), m -> true);
        assertThat(plan.candidates()).extracting(Candidate::model).containsExactly(new ModelRef("nope", "z"), R);
        assertThat(plan.skipped()).extracting(Object::toString).containsExactly("p,m: quota exhausted", "q,x: quota exhausted");
        assertThat(planner.plan(P, "think", List.of(), m -> true).candidates().getFirst()).isEqualTo(new Candidate(P, Candidate.Role.PRIMARY));

        promotions.promote(P, "default", Q);
        assertThat(planner.plan(P, "default", List.of(), m -> true).candidates()).extracting(Candidate::role)
                .doesNotContain(Candidate.Role.PROMOTED);
        FallbackPlanner alone = new FallbackPlanner(settings(false), health, promotions, gate);
        assertThat(alone.plan(P, "default", List.of(), m -> true).candidates()).containsExactly(new Candidate(P, Candidate.Role.LAST_RESORT));
    }
}
