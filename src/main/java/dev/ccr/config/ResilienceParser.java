package dev.ccr.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads {@link ResilienceSettings} from the top-level {@code fallback}, {@code Router.enableFallback} and {@code Resilience}. */
final class ResilienceParser {
    private final List<ConfigProblem> errors;

    ResilienceParser(List<ConfigProblem> errors) {
        this.errors = errors;
    }

    ResilienceSettings parse(JsonNode root) {
        ResilienceSettings d = ResilienceSettings.DEFAULTS;
        Map<String, List<String>> fallback = fallback(root.path("fallback"));
        JsonNode enable = root.path("Router").path("enableFallback");
        boolean enabled = enable.isBoolean() ? enable.booleanValue() : !fallback.isEmpty();
        JsonNode r = root.path("Resilience");
        return new ResilienceSettings(enabled, fallback,
                (int) number(r, "failureThreshold", d.failureThreshold(), 1),
                millis(r, "probeIntervalMs", d.probeInterval(), 1),
                (int) number(r, "halfOpenSuccesses", d.halfOpenSuccesses(), 1),
                millis(r, "rateLimitCooldownMs", d.rateLimitCooldown(), 0),
                millis(r, "promotionTtlMs", d.promotionTtl(), 0),
                (int) number(r, "retries", d.retries(), 0),
                millis(r, "maxRetryAfterWaitMs", d.maxRetryAfterWait(), 0),
                millis(r, "connectTimeoutMs", d.connectTimeout(), 1),
                millis(r, "firstByteTimeoutMs", d.firstByteTimeout(), 0),
                millis(r, "idleTimeoutMs", d.idleTimeout(), 0));
    }

    private Map<String, List<String>> fallback(JsonNode node) {
        Map<String, List<String>> lists = new LinkedHashMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return lists;
        }
        if (!node.isObject()) {
            errors.add(new ConfigProblem("fallback", "must be an object", "write \"fallback\": {\"default\": [\"provider,model\"]}"));
            return lists;
        }
        node.properties().forEach(field -> {
            List<String> routes = new ArrayList<>();
            JsonNode list = field.getValue();
            for (int i = 0; i < list.size(); i++) {
                String route = list.get(i).asText("");
                if (route.indexOf(',') <= 0) {
                    errors.add(new ConfigProblem("fallback." + field.getKey() + "[" + i + "]", "'" + route + "' is not provider,model",
                            "write routes as \"provider,model\""));
                } else {
                    routes.add(route);
                }
            }
            lists.put(field.getKey(), List.copyOf(routes));
        });
        return lists;
    }

    private long number(JsonNode object, String key, long fallback, long min) {
        JsonNode node = object.path(key);
        if (node.isMissingNode() || node.isNull()) {
            return fallback;
        }
        if (!node.canConvertToLong() || node.asLong() < min) {
            errors.add(new ConfigProblem("Resilience." + key, "'" + node.asText() + "' is not a whole number of at least " + min,
                    "use a number such as " + fallback));
            return fallback;
        }
        return node.asLong();
    }

    private Duration millis(JsonNode object, String key, Duration fallback, long min) {
        return Duration.ofMillis(number(object, key, fallback.toMillis(), min));
    }
}
