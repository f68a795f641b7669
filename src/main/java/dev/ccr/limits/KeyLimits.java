package dev.ccr.limits;

import dev.ccr.observe.RequestListener;
import dev.ccr.usage.Usage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Enforces each client key's limits: {@code requestsPerMinute} in fixed calendar minutes, {@code tokensPerDay} in UTC
 * days. A request is counted when it arrives and refused when its minute is over the limit or its day's tokens
 * already reached theirs; an answer's tokens are counted when it completes (so the request that crosses the daily
 * limit is served, and the next one is not). Tokens here are the ones billed at full price or more: input, cache
 * creation and output; cache reads (a tenth of the price, and most of a long session's prompt) are not counted.
 */
public final class KeyLimits {
    /** Why a request was refused and when the caller may try again. */
    public record Refusal(String message, Duration retryAfter) {
    }

    /** Counters outlive their window a little, so a slow clock on another instance still finds them. */
    private static final Duration SLACK = Duration.ofMinutes(1);

    private final ClientKeys keys;
    private final LimitCounters counters;
    private final Clock clock;

    public KeyLimits(ClientKeys keys, LimitCounters counters, Clock clock) {
        this.keys = keys;
        this.counters = counters;
        this.clock = clock;
    }

    /** The keys whose limits these are. */
    public ClientKeys keys() {
        return keys;
    }

    /** Counts a request of {@code key}; a refusal when it is over one of the key's limits. */
    public Optional<Refusal> admit(ClientKey key) {
        if (key.requestsPerMinute().isEmpty() && key.tokensPerDay().isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        LimitCounters.Counts counts = counters.countRequest(requestKey(key.name(), minute),
                Duration.ofMinutes(1).plus(SLACK), tokenKey(key.name(), now), new LimitCounters.Ceilings(
                        key.requestsPerMinute().orElse(Long.MAX_VALUE), key.tokensPerDay().orElse(Long.MAX_VALUE)));
        if (key.requestsPerMinute().isPresent() && counts.requests() > key.requestsPerMinute().getAsLong()) {
            return Optional.of(new Refusal("Client key '" + key.name() + "' is over its " + key.requestsPerMinute().getAsLong()
                    + " requests per minute", until(now, minute.plus(Duration.ofMinutes(1)))));
        }
        if (key.tokensPerDay().isPresent() && counts.tokens() >= key.tokensPerDay().getAsLong()) {
            return Optional.of(new Refusal("Client key '" + key.name() + "' has used its " + key.tokensPerDay().getAsLong()
                    + " tokens for the day (UTC)", until(now, nextDay(now))));
        }
        return Optional.empty();
    }

    /** Counts each answer's tokens against its key's day, for keys with a daily limit. */
    public RequestListener.Factory listeners() {
        return request -> request.clientKey()
                .flatMap(keys::named)
                .filter(key -> key.tokensPerDay().isPresent())
                .<RequestListener>map(key -> new RequestListener() {
                    @Override
                    public void completed(int status, Usage usage) {
                        long tokens = usage.inputTokens() + usage.cacheCreationInputTokens() + usage.outputTokens();
                        if (tokens > 0) {
                            Instant now = clock.instant();
                            counters.addTokens(tokenKey(key.name(), now), tokens, until(now, nextDay(now)).plus(SLACK));
                        }
                    }
                })
                .orElse(RequestListener.NONE);
    }

    private static String requestKey(String name, Instant minute) {
        return "requests:" + name + ":" + minute.getEpochSecond() / 60;
    }

    private static String tokenKey(String name, Instant now) {
        return "tokens:" + name + ":" + now.atOffset(ZoneOffset.UTC).toLocalDate();
    }

    private static Instant nextDay(Instant now) {
        return now.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
    }

    /** At least a second: {@code retry-after} counts whole seconds. */
    private static Duration until(Instant now, Instant then) {
        return Duration.ofSeconds(Math.max(1, (Duration.between(now, then).toMillis() + 999) / 1000));
    }
}
