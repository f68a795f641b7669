package dev.ccr.wire;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises, in a non-Anthropic provider's error answer, the failures Claude Code recovers from by itself, and
 * words them as Anthropic does, because Claude Code matches on Anthropic's wording and statuses.
 *
 * <ul>
 *   <li><b>Context too long</b> (OpenAI {@code context_length_exceeded}, "maximum context length is N tokens",
 *       vLLM, OpenRouter, DeepSeek, Gemini's "input token count (N) exceeds the maximum number of tokens allowed (M)",
 *       Kimi's "exceeded model token limit", GLM, Qwen's "Range of input length", Anthropic-dialect servers' own
 *       "prompt is too long") → 400 {@code invalid_request_error} {@code prompt is too long: N tokens > M maximum},
 *       the message Anthropic sends and Claude Code's auto-compaction waits for. Figures the provider did not give
 *       come from the caller (ccr's token estimate and the target's context window).</li>
 *   <li><b>Rate limited</b> (429, {@code RESOURCE_EXHAUSTED}, "rate limit") → 429 {@code rate_limit_error}.</li>
 *   <li><b>Overloaded</b> (529, or a 5xx such as 503 saying {@code UNAVAILABLE}, "overloaded", "too busy",
 *       "capacity") → 529 {@code overloaded_error}, which Claude Code retries with back-off. A bare 503 (a proxy's
 *       maintenance page) is not recognised: it says nothing of load.</li>
 * </ul>
 * Both carry a retry delay: the provider's {@code Retry-After}, else one written in the body ("try again in 20s",
 * Gemini's {@code "retryDelay": "12s"}). Anything else is not recognised and stays as the caller reports it;
 * Anthropic providers' errors are relayed unchanged and never come here.
 */
public final class ProviderErrors {

    /** The Anthropic-shaped error a recognised provider failure becomes. */
    public record Recognised(int status, AnthropicError error, Optional<Duration> retryAfter) {
        public Recognised {
            requireNonNull(error, "error");
            requireNonNull(retryAfter, "retryAfter");
        }
    }

    private static final List<Pattern> TOO_LONG = List.of(
            Pattern.compile("context_length_exceeded|context length|context window|prompt is too long"
                    + "|maximum number of tokens allowed|exceeded model token limit|prompt exceeds max length"
                    + "|range of input length|input is too long|too many tokens|maximum prompt length"
                    + "|reduce the length of the messages|input tokens exceed", Pattern.CASE_INSENSITIVE));
    /** "maximum context length is 65536 tokens. However, you requested 70000 tokens" and its kin. */
    private static final Pattern MAX_THEN_ASKED = Pattern.compile(
            "maximum (?:context )?length is (\\d+) tokens.*?(?:resulted in|requested(?: about)?) (\\d+) tokens",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    /** Gemini: "The input token count (1234567) exceeds the maximum number of tokens allowed (1048576)". */
    private static final Pattern ASKED_THEN_MAX = Pattern.compile(
            "token count \\(?(\\d+)\\)? exceeds the maximum number of tokens allowed \\(?(\\d+)",
            Pattern.CASE_INSENSITIVE);
    /** Anthropic's own wording, from an Anthropic-dialect server that is not Anthropic. */
    private static final Pattern ANTHROPIC = Pattern.compile("(\\d+) tokens > (\\d+) maximum");
    private static final Pattern LIMIT_ONLY = Pattern.compile(
            "(?:token limit|context length|context window|maximum)[^0-9]{0,40}(\\d{4,})", Pattern.CASE_INSENSITIVE);
    private static final Pattern RATE_LIMITED = Pattern.compile(
            "rate.?limit|resource_exhausted|too many requests|quota", Pattern.CASE_INSENSITIVE);
    private static final Pattern OVERLOADED = Pattern.compile(
            "overloaded|\"unavailable\"|too busy|capacity|server is busy", Pattern.CASE_INSENSITIVE);
    private static final Pattern DELAY_IN_BODY = Pattern.compile(
            "(?:try again in|retry in|retrydelay\"\\s*:\\s*\")\\s*(\\d+(?:\\.\\d+)?)\\s*(ms|s)", Pattern.CASE_INSENSITIVE);

    private ProviderErrors() {}

    /**
     * What a provider's error answer means to Claude Code, if ccr recognises it.
     *
     * @param status the provider's HTTP status
     * @param body the provider's error body, as text
     * @param retryAfter the provider's {@code Retry-After}, already parsed
     * @param estimatedTokens ccr's count of the request's input tokens, used when the provider does not say
     * @param contextWindow the target's context window, used when the provider does not say (empty when unknown)
     */
    public static Optional<Recognised> recognise(int status, String body, Optional<Duration> retryAfter,
                                                 long estimatedTokens, OptionalLong contextWindow) {
        requireNonNull(body, "body");
        requireNonNull(retryAfter, "retryAfter");
        requireNonNull(contextWindow, "contextWindow");
        if (status >= 400 && status < 500 && status != 429 && TOO_LONG.getFirst().matcher(body).find()) {
            return Optional.of(new Recognised(400, new AnthropicError("invalid_request_error",
                    tooLong(body, estimatedTokens, contextWindow), null), Optional.empty()));
        }
        Optional<Duration> delay = retryAfter.isPresent() ? retryAfter : delayInBody(body);
        if (status == 429 || (status >= 400 && RATE_LIMITED.matcher(body).find() && status != 503 && status != 529)) {
            return Optional.of(new Recognised(429, new AnthropicError("rate_limit_error",
                    "Rate limited by the provider: " + body, null), delay));
        }
        if (status == 529 || (status >= 500 && OVERLOADED.matcher(body).find())) {
            return Optional.of(new Recognised(529, new AnthropicError("overloaded_error",
                    "Overloaded: " + body, null), delay));
        }
        return Optional.empty();
    }

    /** Anthropic's {@code prompt is too long: N tokens > M maximum}, with the best figures known. */
    static String tooLong(String body, long estimatedTokens, OptionalLong contextWindow) {
        long asked = estimatedTokens;
        long max = contextWindow.orElse(0);
        Matcher m;
        if ((m = MAX_THEN_ASKED.matcher(body)).find()) {
            max = Long.parseLong(m.group(1));
            asked = Long.parseLong(m.group(2));
        } else if ((m = ASKED_THEN_MAX.matcher(body)).find() || (m = ANTHROPIC.matcher(body)).find()) {
            asked = Long.parseLong(m.group(1));
            max = Long.parseLong(m.group(2));
        } else if ((m = LIMIT_ONLY.matcher(body)).find()) {
            max = Long.parseLong(m.group(1));
        }
        if (max > 0 && asked <= max) {
            asked = max + 1; // the provider refused it, so it was over the limit whatever ccr's estimate says
        }
        return max > 0
                ? "prompt is too long: " + asked + " tokens > " + max + " maximum"
                : "prompt is too long: " + asked + " tokens";
    }

    private static Optional<Duration> delayInBody(String body) {
        Matcher m = DELAY_IN_BODY.matcher(body);
        if (!m.find()) {
            return Optional.empty();
        }
        double value = Double.parseDouble(m.group(1));
        long millis = m.group(2).toLowerCase(Locale.ROOT).equals("ms") ? (long) value : (long) Math.ceil(value * 1000);
        return Optional.of(Duration.ofMillis(millis));
    }
}
