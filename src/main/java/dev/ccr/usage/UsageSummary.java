package dev.ccr.usage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fork's summary of usage records (docs/usage.md): counts, token totals, average time to first byte and average
 * speed (speed from successes only, both rounded, 0 when there is nothing to average), and per-model, per-provider,
 * per-scenario and per-day breakdowns; ccr adds per-provider-and-model and per-client breakdowns and, in each, the
 * success rate, cache hit rate and averages. Built by adding {@link Breakdown}s, so stores can sum in the database.
 */
public record UsageSummary(Breakdown all, Map<String, Breakdown> byModel, Map<String, Breakdown> byProvider,
                           Map<String, Breakdown> byProviderModel, Map<String, Breakdown> byScenario,
                           Map<String, Breakdown> byClient, Map<String, Breakdown> byDay) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Additive sums over some records: their count and successes, tokens, and the sums and counts the averages need
     * (ttft over records that have one; speed over successes that have one).
     */
    public record Breakdown(long count, long successCount, Usage tokens, long ttftSum, long ttftCount, long speedSum,
                            long speedCount) {
        public static final Breakdown NONE = new Breakdown(0, 0, Usage.NONE, 0, 0, 0, 0);

        public static Breakdown of(UsageRecord r) {
            boolean success = r.status() == UsageRecord.Status.SUCCESS;
            boolean speed = success && r.tokensPerSecond().isPresent();
            return new Breakdown(1, success ? 1 : 0, r.usage(), r.ttft().orElse(0), r.ttft().isPresent() ? 1 : 0,
                    speed ? r.tokensPerSecond().getAsLong() : 0, speed ? 1 : 0);
        }

        public Breakdown plus(Breakdown b) {
            Usage u = b.tokens;
            return new Breakdown(count + b.count, successCount + b.successCount,
                    new Usage(tokens.inputTokens() + u.inputTokens(), tokens.outputTokens() + u.outputTokens(),
                            tokens.cacheReadInputTokens() + u.cacheReadInputTokens(),
                            tokens.cacheCreationInputTokens() + u.cacheCreationInputTokens()),
                    ttftSum + b.ttftSum, ttftCount + b.ttftCount, speedSum + b.speedSum, speedCount + b.speedCount);
        }

        public long errorCount() {
            return count - successCount;
        }

        public long avgTtft() {
            return ttftCount == 0 ? 0 : Math.round((double) ttftSum / ttftCount);
        }

        public long avgTokensPerSecond() {
            return speedCount == 0 ? 0 : Math.round((double) speedSum / speedCount);
        }

        /** Cache reads over all input tokens (reads, writes and uncached), 0 to 1. */
        public double cacheHitRate() {
            long input = tokens.inputTokens() + tokens.cacheReadInputTokens() + tokens.cacheCreationInputTokens();
            return input == 0 ? 0 : rounded((double) tokens.cacheReadInputTokens() / input);
        }

        public double successRate() {
            return count == 0 ? 0 : rounded((double) successCount / count);
        }

        ObjectNode toJson() {
            return JSON.createObjectNode().put("count", count).put("inputTokens", tokens.inputTokens())
                    .put("outputTokens", tokens.outputTokens()).put("cacheReadInputTokens", tokens.cacheReadInputTokens())
                    .put("cacheCreationInputTokens", tokens.cacheCreationInputTokens())
                    .put("successCount", successCount).put("errorCount", errorCount())
                    .put("successRate", successRate()).put("cacheHitRate", cacheHitRate())
                    .put("avgTtft", avgTtft()).put("avgTokensPerSecond", avgTokensPerSecond());
        }

        private static double rounded(double rate) {
            return Math.round(rate * 10_000) / 10_000.0;
        }
    }

    /** The dimensions one group of records shares: what the summary breaks down by. */
    public record Key(String day, String provider, String model, String scenario, String clientType) {
        public static Key of(UsageRecord r) {
            return new Key(r.day(), r.provider(), r.model(), r.scenarioType(), r.clientType());
        }
    }

    /** Adds groups up into a summary. */
    public static final class Builder {
        private Breakdown all = Breakdown.NONE;
        private final Map<String, Breakdown> byModel = new TreeMap<>();
        private final Map<String, Breakdown> byProvider = new TreeMap<>();
        private final Map<String, Breakdown> byProviderModel = new TreeMap<>();
        private final Map<String, Breakdown> byScenario = new TreeMap<>();
        private final Map<String, Breakdown> byClient = new TreeMap<>();
        private final Map<String, Breakdown> byDay = new TreeMap<>();

        public Builder add(Key key, Breakdown sums) {
            all = all.plus(sums);
            byModel.merge(key.model(), sums, Breakdown::plus);
            byProvider.merge(key.provider(), sums, Breakdown::plus);
            byProviderModel.merge(key.provider() + "," + key.model(), sums, Breakdown::plus);
            byScenario.merge(key.scenario(), sums, Breakdown::plus);
            byClient.merge(key.clientType(), sums, Breakdown::plus);
            byDay.merge(key.day(), sums, Breakdown::plus);
            return this;
        }

        public UsageSummary build() {
            return new UsageSummary(all, Map.copyOf(byModel), Map.copyOf(byProvider), Map.copyOf(byProviderModel),
                    Map.copyOf(byScenario), Map.copyOf(byClient), Map.copyOf(byDay));
        }
    }

    public static UsageSummary of(List<UsageRecord> records) {
        Builder builder = new Builder();
        records.forEach(r -> builder.add(Key.of(r), Breakdown.of(r)));
        return builder.build();
    }

    public long totalRequests() {
        return all.count();
    }

    public long successCount() {
        return all.successCount();
    }

    public long errorCount() {
        return all.errorCount();
    }

    public Usage totals() {
        return all.tokens();
    }

    public long avgTtft() {
        return all.avgTtft();
    }

    public long avgTokensPerSecond() {
        return all.avgTokensPerSecond();
    }

    public ObjectNode toJson() {
        Usage totals = all.tokens();
        ObjectNode json = JSON.createObjectNode().put("totalRequests", all.count()).put("successCount", all.successCount())
                .put("errorCount", all.errorCount()).put("totalInputTokens", totals.inputTokens())
                .put("totalOutputTokens", totals.outputTokens())
                .put("totalCacheReadInputTokens", totals.cacheReadInputTokens())
                .put("totalCacheCreationInputTokens", totals.cacheCreationInputTokens())
                .put("avgTtft", all.avgTtft()).put("avgTokensPerSecond", all.avgTokensPerSecond())
                .put("cacheHitRate", all.cacheHitRate()).put("successRate", all.successRate());
        put(json, "byModel", byModel);
        put(json, "byProvider", byProvider);
        put(json, "byProviderModel", byProviderModel);
        put(json, "byScenario", byScenario);
        put(json, "byClient", byClient);
        put(json, "byDay", byDay);
        return json;
    }

    private static void put(ObjectNode json, String name, Map<String, Breakdown> groups) {
        ObjectNode out = json.putObject(name);
        new TreeMap<>(groups).forEach((k, v) -> out.set(k, v.toJson()));
    }
}
