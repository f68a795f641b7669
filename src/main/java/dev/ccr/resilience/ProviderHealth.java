package dev.ccr.resilience;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.config.ResilienceSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The circuit breakers of every provider and model, what each attempt teaches them, and their persistence in
 * {@code ~/.claude-code-router/runtime/provider-health.json} so a restart does not forget an outage. States older than
 * a day are not restored. A breaker that opens, is rate limited or closes again is told to a team's other instances
 * through {@link #shareWith}; theirs arrive through {@link #applyShared}. Failure streaks are counted per instance;
 * what is shared is the outcome.
 */
public final class ProviderHealth {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderHealth.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RESTORE_MAX_AGE = Duration.ofHours(24);

    private final ResilienceSettings settings;
    private final Clock clock;
    private final Promotions promotions;
    private final Optional<Path> file;
    private final Map<ModelRef, CircuitBreaker> breakers = new ConcurrentHashMap<>();
    private final BreakerListener listener;
    private volatile ResilienceSharing sharing = ResilienceSharing.NONE;

    public ProviderHealth(ResilienceSettings settings, Clock clock, Promotions promotions, Optional<Path> file) {
        this(settings, clock, promotions, file, BreakerListener.NONE);
    }

    /** @param listener told of every state change here (the log, metrics); not of states taken over from a team */
    public ProviderHealth(ResilienceSettings settings, Clock clock, Promotions promotions, Optional<Path> file,
                          BreakerListener listener) {
        this.settings = settings;
        this.clock = clock;
        this.promotions = promotions;
        this.file = file;
        this.listener = listener;
        file.ifPresent(this::restore);
    }

    /** Tells {@code sharing} of every breaker that changes state here from now on. */
    public void shareWith(ResilienceSharing sharing) {
        this.sharing = Objects.requireNonNull(sharing, "sharing");
    }

    public boolean isAvailable(ModelRef model) {
        CircuitBreaker breaker = breakers.get(model);
        return breaker == null || breaker.isAvailable();
    }

    public void recordSuccess(ModelRef model) {
        CircuitBreaker breaker = breakers.get(model);
        if (breaker == null) {
            return;
        }
        boolean wasClean = breaker.isClosedAndClean();
        if (breaker.recordSuccess()) {
            changed(model, breaker.snapshot(), "recovered");
            promotions.clearPrimary(model);
        }
        if (!wasClean) {
            persist();
        }
    }

    /** Records a failed attempt; client errors (4xx but 429) say nothing about the provider and are ignored. */
    public void recordFailure(ModelRef model, Failure failure) {
        if (!failure.kind().countsAgainstHealth()) {
            return;
        }
        CircuitBreaker breaker = breaker(model);
        if (failure.kind() == FailureKind.RATE_LIMITED) {
            Duration cooldown = failure.retryAfter().orElse(settings.rateLimitCooldown());
            breaker.markRateLimited(clock.instant().plus(cooldown), failure.message());
            changed(model, breaker.snapshot(), "rate limited: skipped for " + cooldown.toSeconds() + " s");
        } else {
            CircuitBreaker.State before = breaker.snapshot().state();
            breaker.recordFailure(failure.message());
            CircuitBreaker.Snapshot after = breaker.snapshot();
            if (before != CircuitBreaker.State.OPEN && after.state() == CircuitBreaker.State.OPEN) {
                changed(model, after, failure.kind() + ": " + failure.message());
            }
        }
        promotions.clearFallback(model);
        persist();
    }

    /** A fallback worked where {@code model} failed: open its circuit now (unless it is only rate limited). */
    public void forceOpen(ModelRef model, String reason) {
        CircuitBreaker breaker = breaker(model);
        if (breaker.snapshot().rateLimitUntil().isEmpty()) {
            breaker.forceOpen(reason);
            changed(model, breaker.snapshot(), reason);
            persist();
        }
    }

    private void changed(ModelRef model, CircuitBreaker.Snapshot now, String why) {
        listener.stateChanged(model, now, why);
        sharing.breakerChanged(model, now);
    }

    /** Takes on the state another instance's breaker for {@code model} reached; tells no one. */
    public void applyShared(ModelRef model, CircuitBreaker.Snapshot snapshot) {
        breaker(model).restore(snapshot);
        persist();
    }

    /** The breakers not closed here, to hand to the other instances after the shared store was away. */
    public Map<ModelRef, CircuitBreaker.Snapshot> notClosed() {
        Map<ModelRef, CircuitBreaker.Snapshot> states = new HashMap<>();
        breakers.forEach((model, breaker) -> {
            CircuitBreaker.Snapshot s = breaker.snapshot();
            if (s.state() != CircuitBreaker.State.CLOSED) {
                states.put(model, s);
            }
        });
        return states;
    }

    public Optional<CircuitBreaker.Snapshot> snapshot(ModelRef model) {
        return Optional.ofNullable(breakers.get(model)).map(CircuitBreaker::snapshot);
    }

    /** {@code {"states":[{provider, model, status, failureCount, …}], "timestamp": …}} for {@code GET /api/health}. */
    public ObjectNode toJson() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode states = root.putArray("states");
        breakers.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.comparing(ModelRef::toString)))
                .forEach(e -> states.add(stateJson(e.getKey(), e.getValue().snapshot())));
        root.put("timestamp", clock.instant().toString());
        return root;
    }

    private static ObjectNode stateJson(ModelRef model, CircuitBreaker.Snapshot s) {
        ObjectNode node = JSON.createObjectNode()
                .put("provider", model.provider())
                .put("model", model.model())
                .put("status", s.state().name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .put("failureCount", s.failureCount())
                .put("successCount", s.successCount());
        node.put("lastFailureTime", s.lastFailureTime().map(Instant::toString).orElse(null));
        node.put("lastError", s.lastError().orElse(null));
        node.put("rateLimitUntil", s.rateLimitUntil().map(Instant::toString).orElse(null));
        node.put("openedAt", s.openedAt().map(Instant::toString).orElse(null));
        return node;
    }

    private CircuitBreaker breaker(ModelRef model) {
        return breakers.computeIfAbsent(model, m -> new CircuitBreaker(clock, settings.failureThreshold(),
                settings.probeInterval(), settings.halfOpenSuccesses()));
    }

    /* --------------- Persistence --------------- */

    private synchronized void persist() {
        if (file.isEmpty()) {
            return;
        }
        try {
            Path target = file.get();
            Files.createDirectories(target.getParent());
            Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
            Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(toJson()));
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("Could not save provider health to {}: {}", file.get(), e.getMessage());
        }
    }

    private void restore(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try {
            JsonNode saved = JSON.readTree(path.toFile());
            Instant oldest = clock.instant().minus(RESTORE_MAX_AGE);
            for (JsonNode s : saved.path("states")) {
                Optional<Instant> lastFailure = instant(s.path("lastFailureTime"));
                if (lastFailure.isEmpty() || lastFailure.get().isBefore(oldest)) {
                    continue;
                }
                CircuitBreaker.State state = CircuitBreaker.State.valueOf(s.path("status").asText("closed").toUpperCase(Locale.ROOT).replace('-', '_'));
                breaker(new ModelRef(s.path("provider").asText(), s.path("model").asText())).restore(new CircuitBreaker.Snapshot(
                        state, s.path("failureCount").asInt(), s.path("successCount").asInt(), lastFailure,
                        Optional.ofNullable(s.path("lastError").textValue()), instant(s.path("rateLimitUntil")), instant(s.path("openedAt"))));
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Ignoring unreadable provider health file {}: {}", path, e.getMessage());
        }
    }

    private static Optional<Instant> instant(JsonNode node) {
        return node.isTextual() ? Optional.of(Instant.parse(node.textValue())) : Optional.empty();
    }
}
