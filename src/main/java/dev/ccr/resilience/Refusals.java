package dev.ccr.resilience;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each provider said it refuses of a request, learned from its errors: top-level body fields and
 * {@code anthropic-beta} flags it named ("Extra inputs are not permitted", "unsupported beta"). Later requests to that
 * provider go without them. Kept in memory for the life of the router (carried over a reload like the breakers); a
 * provider whose {@code api_base_url} changed starts over, since it may be another server now.
 */
public final class Refusals {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Parts of a request one provider refused. */
    public record Refusal(Set<String> fields, Set<String> betas) {
        public static final Refusal NONE = new Refusal(Set.of(), Set.of());

        public Refusal {
            fields = Set.copyOf(requireNonNull(fields, "fields"));
            betas = Set.copyOf(requireNonNull(betas, "betas"));
        }

        public boolean isEmpty() {
            return fields.isEmpty() && betas.isEmpty();
        }

        /** This refusal and {@code other}'s together. */
        public Refusal and(Refusal other) {
            Set<String> f = new TreeSet<>(fields);
            f.addAll(other.fields);
            Set<String> b = new TreeSet<>(betas);
            b.addAll(other.betas);
            return new Refusal(f, b);
        }
    }

    private record Learned(String apiBaseUrl, Refusal refusal, Instant at) {
    }

    private final Clock clock;
    private final Map<String, Learned> byProvider = new ConcurrentHashMap<>();

    public Refusals(Clock clock) {
        this.clock = requireNonNull(clock, "clock");
    }

    /** What {@code provider}, at {@code apiBaseUrl}, is known to refuse; {@link Refusal#NONE} when nothing. */
    public Refusal of(String provider, String apiBaseUrl) {
        Learned learned = byProvider.get(provider);
        return learned != null && learned.apiBaseUrl().equals(apiBaseUrl) ? learned.refusal() : Refusal.NONE;
    }

    /** Remembers that {@code provider}, at {@code apiBaseUrl}, refused {@code refusal} (added to what it refused before). */
    public void learn(String provider, String apiBaseUrl, Refusal refusal) {
        requireNonNull(refusal, "refusal");
        byProvider.merge(provider, new Learned(apiBaseUrl, refusal, clock.instant()), (old, now) ->
                old.apiBaseUrl().equals(apiBaseUrl) ? new Learned(apiBaseUrl, old.refusal().and(refusal), now.at()) : now);
    }

    /** {@code [{"provider","fields":[…],"betas":[…],"learnedAt"}]} by provider name ({@code learnedAt}: the latest), for {@code GET /api/health}. */
    public ArrayNode toJson() {
        ArrayNode list = JSON.createArrayNode();
        new TreeSet<>(byProvider.keySet()).forEach(provider -> {
            Learned learned = byProvider.get(provider);
            var entry = list.addObject().put("provider", provider);
            learned.refusal().fields().stream().sorted().forEach(entry.putArray("fields")::add);
            learned.refusal().betas().stream().sorted().forEach(entry.putArray("betas")::add);
            entry.put("learnedAt", learned.at().toString());
        });
        return list;
    }
}
