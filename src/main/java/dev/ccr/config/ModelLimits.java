package dev.ccr.config;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What one model takes and gives: its output cap (the largest {@code max_tokens} it accepts) and its context window
 * (input and output together), each with where the figure came from, so a route explanation can say why a request
 * was changed. Either may be unknown; then nothing is changed on its account.
 *
 * <p>A model name ending in {@code [1m]} (Claude Code's spelling for "this model with its 1M-token window") asks for
 * a window of {@link #EXTENDED_WINDOW} tokens; the suffix names no real model and never reaches a provider.
 */
public record ModelLimits(Optional<Limit> maxOutputTokens, Optional<Limit> contextWindow) {
    public static final ModelLimits UNKNOWN = new ModelLimits(Optional.empty(), Optional.empty());

    /** Claude Code's suffix for the 1M-token context variant of a model ({@code claude-opus-4-8[1m]}). */
    public static final String EXTENDED_SUFFIX = "[1m]";

    /** The window {@code [1m]} asks for: Anthropic's 1M-token context (context-1m beta). */
    public static final long EXTENDED_WINDOW = 1_000_000;

    /** One figure and where it came from, e.g. {@code Providers[0].limits.maxOutputTokens}. */
    public record Limit(long tokens, String source) {
        public Limit {
            Objects.requireNonNull(source, "source");
            if (tokens <= 0) {
                throw new IllegalArgumentException("tokens must be positive: " + tokens);
            }
        }

        @Override
        public String toString() {
            return tokens + " (" + source + ")";
        }
    }

    public ModelLimits {
        Objects.requireNonNull(maxOutputTokens, "maxOutputTokens");
        Objects.requireNonNull(contextWindow, "contextWindow");
    }

    public static ModelLimits of(long maxOutputTokens, long contextWindow, String source) {
        return new ModelLimits(Optional.of(new Limit(maxOutputTokens, source)), Optional.of(new Limit(contextWindow, source)));
    }

    public static ModelLimits window(long contextWindow, String source) {
        return new ModelLimits(Optional.empty(), Optional.of(new Limit(contextWindow, source)));
    }

    public boolean isUnknown() {
        return maxOutputTokens.isEmpty() && contextWindow.isEmpty();
    }

    /** Each figure from this, or else from {@code other}: the more specific source goes first. */
    public ModelLimits orElse(ModelLimits other) {
        return new ModelLimits(maxOutputTokens.or(other::maxOutputTokens), contextWindow.or(other::contextWindow));
    }

    /** True when {@code model} ends with {@code [1m]} (any case), or with {@code [1m} as the CCR fork also accepts. */
    public static boolean asksForExtendedWindow(String model) {
        String lower = model.toLowerCase(Locale.ROOT).trim();
        return lower.endsWith(EXTENDED_SUFFIX) || lower.endsWith("[1m");
    }

    /** {@code model} without a trailing {@code [1m]}: the name the provider knows. */
    public static String withoutExtendedSuffix(String model) {
        String trimmed = model.trim();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.endsWith(EXTENDED_SUFFIX)) {
            return trimmed.substring(0, trimmed.length() - EXTENDED_SUFFIX.length()).trim();
        }
        return lower.endsWith("[1m") ? trimmed.substring(0, trimmed.length() - 3).trim() : trimmed;
    }

    /** {@code 131072} → {@code 131K}, {@code 1000000} → {@code 1M}: how windows are spoken of. */
    public static String shortForm(long tokens) {
        if (tokens >= 1_000_000 && tokens % 1_000_000 < 50_000) {
            return Math.round(tokens / 1_000_000.0) + "M";
        }
        return tokens >= 1000 ? Math.round(tokens / 1000.0) + "K" : Long.toString(tokens);
    }
}
