package dev.ccr.wire.anthropic;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an Anthropic-dialect provider that is not Anthropic (DeepSeek, Kimi, GLM, MiniMax, Qwen and other servers of
 * {@code /v1/messages}) is sent of Claude Code's request: the body fields and {@code anthropic-beta} flags only
 * Anthropic implements are removed, and the billing-header system block is dropped so their prefix caches hit.
 * Anthropic itself ({@code api.anthropic.com}) gets everything unchanged, and so, until it refuses something, does a
 * host ccr does not know (a proxy or gateway may well lead to Anthropic).
 *
 * <p>Two halves, both pure:
 * <ul>
 *   <li>{@link #forProvider} + {@link Strip#applyTo}: before the call, what to remove for this provider, the built-in
 *       list plus whatever {@link #learnFrom} learned from its earlier refusals;</li>
 *   <li>{@link #learnFrom}: after a 400, which field or beta flag the provider named ("Extra inputs are not
 *       permitted" with its {@code loc}, "unknown field `x`", "Unknown parameter: 'x'", "unsupported beta: x",
 *       "Unexpected value(s) `x` for the `anthropic-beta` header"), so the caller retries once without it and
 *       remembers it for the provider.</li>
 * </ul>
 */
public final class AnthropicCompat {

    /** Body fields Anthropic's API alone implements (Claude Code 2.1.332 sends the first two on every request). */
    static final List<String> ANTHROPIC_ONLY_FIELDS = List.of(
            "context_management", "safeguards", "container", "mcp_servers", "service_tier");
    /** Beta flags of features only Anthropic's API implements; other flags (effort, thinking…) are left alone. */
    static final List<String> ANTHROPIC_ONLY_BETAS = List.of(
            "context-management-", "dangerous-tool-use-", "afk-mode-", "per-turn-control-",
            "mid-conversation-tool-changes-", "thinking-display-updates-", "advanced-tool-use-",
            "prompt-caching-scope-", "redact-thinking-", "mid-conversation-system-", "thinking-token-count-");
    private static final String BILLING_HEADER = "x-anthropic-billing-header:";
    /**
     * Hosts (and their subdomains) of providers known to serve Anthropic's dialect without being Anthropic: DeepSeek,
     * Moonshot and Kimi, Zhipu's GLM (bigmodel.cn, z.ai), MiniMax, Alibaba's DashScope (Qwen), Volcengine's Ark
     * (Doubao), SiliconFlow, and Google's Vertex AI (Claude on Vertex takes Anthropic's body, not its beta features).
     */
    static final List<String> KNOWN_OTHER_HOSTS = List.of(
            "deepseek.com", "moonshot.ai", "moonshot.cn", "kimi.com", "bigmodel.cn", "z.ai", "minimax.io",
            "minimaxi.com", "minimax.chat", "aliyuncs.com", "volces.com", "siliconflow.cn", "siliconflow.com",
            "googleapis.com");

    /** What to remove from one request: top-level fields, beta flags (exact or by prefix). */
    public record Strip(Set<String> fields, Set<String> betas, boolean billingHeader) {
        public static final Strip NOTHING = new Strip(Set.of(), Set.of(), false);

        public Strip {
            fields = Set.copyOf(fields);
            betas = Set.copyOf(betas);
        }

        /** This strip plus {@code other}'s. */
        public Strip and(Strip other) {
            Set<String> f = new LinkedHashSet<>(fields);
            f.addAll(other.fields);
            Set<String> b = new LinkedHashSet<>(betas);
            b.addAll(other.betas);
            return new Strip(f, b, billingHeader || other.billingHeader);
        }

        /**
         * Removes the fields and the billing-header block from {@code body} (edited in place) and returns the
         * {@code anthropic-beta} header without the flags (empty when none is left).
         */
        public Optional<String> applyTo(ObjectNode body, Optional<String> betaHeader) {
            requireNonNull(body, "body");
            fields.forEach(body::remove);
            if (billingHeader && body.get("system") instanceof ArrayNode system) {
                for (int i = system.size() - 1; i >= 0; i--) {
                    if (system.get(i).path("text").asText("").startsWith(BILLING_HEADER)) {
                        system.remove(i);
                    }
                }
            }
            if (betaHeader.isEmpty() || betas.isEmpty()) {
                return betaHeader;
            }
            List<String> kept = new ArrayList<>();
            for (String flag : betaHeader.get().split(",")) {
                String f = flag.trim();
                if (!f.isEmpty() && betas.stream().noneMatch(f::startsWith)) {
                    kept.add(f);
                }
            }
            return kept.isEmpty() ? Optional.empty() : Optional.of(String.join(",", kept));
        }
    }

    /** Pydantic's {@code 'loc': ('body', 'x')} or FastAPI's {@code "loc":["body","x"]} next to "extra_forbidden". */
    private static final Pattern EXTRA_INPUT_LOC = Pattern.compile(
            "loc['\"]?\\s*:\\s*[\\[(]\\s*['\"]body['\"]\\s*,\\s*['\"]([A-Za-z_]+)['\"]");
    private static final Pattern FIELD_NAMED = Pattern.compile(
            "(?:Extra inputs are not permitted[^A-Za-z_]*|unknown field `|Unknown parameter:? ?'|"
                    + "Unrecognized request argument supplied: |unknown_parameter[^']*')([A-Za-z_]+)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern FIELD_BEFORE = Pattern.compile(
            "([A-Za-z_]+)\\W{0,5}Extra inputs are not permitted", Pattern.CASE_INSENSITIVE);
    private static final Pattern BETA_NAMED = Pattern.compile(
            "(?:unsupported beta|unexpected value\\(s\\)|unknown beta|invalid beta)[^A-Za-z0-9]*([a-z0-9-]+-\\d{4}-\\d{2}-\\d{2})",
            Pattern.CASE_INSENSITIVE);

    private AnthropicCompat() {}

    /**
     * What a provider at {@code apiBaseUrl} gets stripped before anything was learned about it: the Anthropic-only
     * fields and flags and the billing header for a {@linkplain #KNOWN_OTHER_HOSTS known other provider}, nothing
     * for Anthropic and for hosts ccr does not know.
     */
    public static Strip forProvider(String apiBaseUrl) {
        if (KNOWN_OTHER_HOSTS.stream().noneMatch(domain -> isOn(apiBaseUrl, domain))) {
            return Strip.NOTHING;
        }
        return new Strip(Set.copyOf(ANTHROPIC_ONLY_FIELDS), Set.copyOf(ANTHROPIC_ONLY_BETAS), true);
    }

    /** True for Anthropic's own API, which gets every field and flag and whose refusals teach nothing. */
    public static boolean isAnthropic(String apiBaseUrl) {
        return isOn(apiBaseUrl, "anthropic.com");
    }

    private static boolean isOn(String url, String domain) {
        try {
            String host = URI.create(url).getHost();
            return host != null && (host.equalsIgnoreCase(domain) || host.toLowerCase(Locale.ROOT).endsWith("." + domain));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * What a provider's 400 says it refused, if it names top-level fields of {@code body} or a beta flag (every field
     * a validation error lists, so one retry can go without all of them); empty when it names nothing ccr can
     * remove (so retrying would not help).
     */
    public static Optional<Strip> learnFrom(int status, String errorBody, JsonNode body) {
        if (status != 400 && status != 422) {
            return Optional.empty();
        }
        Matcher beta = BETA_NAMED.matcher(errorBody);
        if (beta.find()) {
            return Optional.of(new Strip(Set.of(), Set.of(beta.group(1).toLowerCase(Locale.ROOT)), false));
        }
        boolean extraForbidden = errorBody.contains("extra_forbidden")
                || errorBody.toLowerCase(Locale.ROOT).contains("extra inputs are not permitted");
        for (Pattern p : extraForbidden ? List.of(EXTRA_INPUT_LOC, FIELD_NAMED, FIELD_BEFORE) : List.of(FIELD_NAMED)) {
            Set<String> fields = new LinkedHashSet<>();
            Matcher m = p.matcher(errorBody);
            while (m.find()) {
                String field = m.group(1);
                if (body.has(field) && !field.equals("model") && !field.equals("messages")) {
                    fields.add(field);
                }
            }
            if (!fields.isEmpty()) {
                return Optional.of(new Strip(fields, Set.of(), false));
            }
        }
        return Optional.empty();
    }
}
