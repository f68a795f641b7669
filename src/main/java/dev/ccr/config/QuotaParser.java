package dev.ccr.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@link QuotaSettings} from the top-level {@code Quota} object and each provider's {@code quota_token},
 * {@code quota_sec_token} and {@code quota} (docs/quota.md). A config without them gets {@link QuotaSettings#DEFAULTS}.
 */
final class QuotaParser {
    private static final String RESERVE_EXAMPLE = "write \"reserve\": {\"percent\": 10, \"scenarios\": [\"think\"]}";

    private final List<ConfigProblem> errors;

    QuotaParser(List<ConfigProblem> errors) {
        this.errors = errors;
    }

    /** @param providerList the {@code Providers} array as written (entries skipped by the provider parser are ignored) */
    QuotaSettings parse(JsonNode root, String providersKey, JsonNode providerList, List<Provider> providers) {
        QuotaSettings d = QuotaSettings.DEFAULTS;
        JsonNode q = root.path("Quota");
        if (!q.isMissingNode() && !q.isNull() && !q.isObject()) {
            errors.add(new ConfigProblem("Quota", "must be an object", "write \"Quota\": {\"intervalMinutes\": 10}"));
            return d;
        }
        Duration interval = minutes("Quota", q).orElse(d.interval());
        Duration timeout = Duration.ofMillis(number("Quota.timeoutMs", q.path("timeoutMs"), d.timeout().toMillis(), 1));
        QuotaSettings.Reserve reserve = reserve("Quota.reserve", q.path("reserve")).orElse(d.reserve());

        Map<String, QuotaSettings.ProviderQuota> byProvider = new LinkedHashMap<>();
        for (int i = 0; i < providerList.size(); i++) {
            JsonNode node = providerList.get(i);
            String name = node.path("name").asText("");
            if (providers.stream().noneMatch(p -> p.name().equals(name))) {
                continue;
            }
            String path = providersKey + "[" + i + "]";
            JsonNode own = node.path("quota");
            if (!own.isMissingNode() && !own.isNull() && !own.isObject()) {
                errors.add(new ConfigProblem(path + ".quota", "must be an object",
                        "write \"quota\": {\"intervalMinutes\": 0} to stop polling this provider"));
                own = com.fasterxml.jackson.databind.node.MissingNode.getInstance();
            }
            QuotaSettings.ProviderQuota pq = new QuotaSettings.ProviderQuota(minutes(path + ".quota", own),
                    reserve(path + ".quota.reserve", own.path("reserve")),
                    text(node, "quota_token").or(() -> text(node, "quotaToken")),
                    text(node, "quota_sec_token").or(() -> text(node, "quotaSecToken")),
                    text(own, "adapter"), url(path + ".quota.url", own));
            if (!pq.equals(QuotaSettings.ProviderQuota.NONE)) {
                byProvider.put(name, pq);
            }
        }
        return new QuotaSettings(interval, timeout, reserve, byProvider);
    }

    private Optional<Duration> minutes(String path, JsonNode object) {
        JsonNode node = object.path("intervalMinutes");
        if (node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMinutes(number(path + ".intervalMinutes", node, 10, 0)));
    }

    private Optional<QuotaSettings.Reserve> reserve(String path, JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            errors.add(new ConfigProblem(path, "must be an object", RESERVE_EXAMPLE));
            return Optional.empty();
        }
        JsonNode percent = node.path("percent");
        double fiveHour;
        double sevenDay;
        if (percent.isObject()) {
            fiveHour = percent(path + ".percent.5h", percent.path("5h"));
            sevenDay = percent(path + ".percent.7d", percent.path("7d"));
        } else {
            fiveHour = percent(path + ".percent", percent);
            sevenDay = fiveHour;
        }
        Set<String> scenarios = new LinkedHashSet<>();
        JsonNode list = node.path("scenarios");
        if (!list.isMissingNode() && !list.isArray()) {
            errors.add(new ConfigProblem(path + ".scenarios", "must be an array of scenario names", RESERVE_EXAMPLE));
        }
        for (int i = 0; list.isArray() && i < list.size(); i++) {
            if (list.get(i).isTextual() && !list.get(i).textValue().isBlank()) {
                scenarios.add(list.get(i).textValue());
            } else {
                errors.add(new ConfigProblem(path + ".scenarios[" + i + "]", "is not a scenario name",
                        "use names such as \"think\", \"longContext\", \"background\", \"webSearch\", \"default\""));
            }
        }
        return Optional.of(new QuotaSettings.Reserve(fiveHour, sevenDay, scenarios));
    }

    private double percent(String path, JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return 0;
        }
        if (!node.isNumber() || node.asDouble() < 0 || node.asDouble() >= 100) {
            errors.add(new ConfigProblem(path, "'" + node.asText() + "' is not a percentage from 0 to 100 (exclusive)",
                    "use a number such as 10, or {\"5h\": 10, \"7d\": 5} for one per window"));
            return 0;
        }
        return node.asDouble();
    }

    private long number(String path, JsonNode node, long fallback, long min) {
        if (node.isMissingNode() || node.isNull()) {
            return fallback;
        }
        if (!node.canConvertToLong() || node.asLong() < min) {
            errors.add(new ConfigProblem(path, "'" + node.asText() + "' is not a whole number of at least " + min,
                    "use a number such as " + fallback));
            return fallback;
        }
        return node.asLong();
    }

    private Optional<URI> url(String path, JsonNode object) {
        Optional<String> text = text(object, "url");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(text.get());
            if ((uri.getScheme() != null && uri.getScheme().matches("(?i)https?")) && uri.getHost() != null) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        errors.add(new ConfigProblem(path, "'" + text.get() + "' is not an http(s) URL",
                "give the quota endpoint's base URL, e.g. https://api.deepseek.com"));
        return Optional.empty();
    }

    private static Optional<String> text(JsonNode node, String key) {
        JsonNode value = node.path(key);
        return value.isTextual() && !value.textValue().isBlank() ? Optional.of(value.textValue().trim()) : Optional.empty();
    }
}
