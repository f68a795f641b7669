package dev.ccr.usage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The fork's summary of usage records (spec §7.1): counts, token totals, average time to first byte and average speed
 * (speed from successes only, both rounded, 0 when there is nothing to average), and per-model, per-provider,
 * per-scenario and per-day breakdowns.
 */
public record UsageSummary(long totalRequests, long successCount, long errorCount, Usage totals, long avgTtft,
                           long avgTokensPerSecond, Map<String, Breakdown> byModel, Map<String, Breakdown> byProvider,
                           Map<String, Breakdown> byScenario, Map<String, Breakdown> byDay) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One group's count and tokens. */
    public record Breakdown(long count, Usage tokens) {
        Breakdown plus(UsageRecord r) {
            Usage u = r.usage();
            return new Breakdown(count + 1, new Usage(tokens.inputTokens() + u.inputTokens(),
                    tokens.outputTokens() + u.outputTokens(), tokens.cacheReadInputTokens() + u.cacheReadInputTokens(),
                    tokens.cacheCreationInputTokens() + u.cacheCreationInputTokens()));
        }

        ObjectNode toJson() {
            return JSON.createObjectNode().put("count", count).put("inputTokens", tokens.inputTokens())
                    .put("outputTokens", tokens.outputTokens()).put("cacheReadInputTokens", tokens.cacheReadInputTokens())
                    .put("cacheCreationInputTokens", tokens.cacheCreationInputTokens());
        }
    }

    public static UsageSummary of(List<UsageRecord> records) {
        long success = records.stream().filter(r -> r.status() == UsageRecord.Status.SUCCESS).count();
        Breakdown all = new Breakdown(0, Usage.NONE);
        for (UsageRecord r : records) {
            all = all.plus(r);
        }
        double avgTtft = records.stream().filter(r -> r.ttft().isPresent())
                .mapToLong(r -> r.ttft().getAsLong()).average().orElse(0);
        double avgSpeed = records.stream().filter(r -> r.status() == UsageRecord.Status.SUCCESS && r.tokensPerSecond().isPresent())
                .mapToLong(r -> r.tokensPerSecond().getAsLong()).average().orElse(0);
        return new UsageSummary(records.size(), success, records.size() - success, all.tokens(), Math.round(avgTtft),
                Math.round(avgSpeed), group(records, UsageRecord::model), group(records, UsageRecord::provider),
                group(records, UsageRecord::scenarioType), group(records, UsageRecord::day));
    }

    private static Map<String, Breakdown> group(List<UsageRecord> records, Function<UsageRecord, String> key) {
        Map<String, Breakdown> groups = new TreeMap<>();
        for (UsageRecord r : records) {
            groups.merge(key.apply(r), new Breakdown(0, Usage.NONE).plus(r), (a, b) -> a.plus(r));
        }
        return Map.copyOf(groups);
    }

    public ObjectNode toJson() {
        ObjectNode json = JSON.createObjectNode().put("totalRequests", totalRequests).put("successCount", successCount)
                .put("errorCount", errorCount).put("totalInputTokens", totals.inputTokens())
                .put("totalOutputTokens", totals.outputTokens())
                .put("totalCacheReadInputTokens", totals.cacheReadInputTokens())
                .put("totalCacheCreationInputTokens", totals.cacheCreationInputTokens())
                .put("avgTtft", avgTtft).put("avgTokensPerSecond", avgTokensPerSecond);
        put(json, "byModel", byModel);
        put(json, "byProvider", byProvider);
        put(json, "byScenario", byScenario);
        put(json, "byDay", byDay);
        return json;
    }

    private static void put(ObjectNode json, String name, Map<String, Breakdown> groups) {
        ObjectNode out = json.putObject(name);
        new TreeMap<>(groups).forEach((k, v) -> out.set(k, v.toJson()));
    }
}
