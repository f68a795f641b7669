package dev.ccr.quota;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Chooses a provider's quota adapter by the host of its {@code api_base_url}, as the CCR fork does (docs/quota.md), or
 * by the name in its {@code quota.adapter} (a provider behind a relay). Each adapter asks the provider's own quota
 * endpoint, which may live on another host than its chat endpoint; {@code quota.url} points it elsewhere.
 */
public final class QuotaAdapters {
    private record Route(String domain, String adapter, String base) {
    }

    /** Adapter name → how to make it for a quota endpoint base URL. */
    private static final Map<String, Function<URI, QuotaAdapter>> BY_NAME = Map.of(
            "kimi-coding", KimiCodingUsage::new,
            "moonshot", BalanceField::moonshot,
            "minimax", MiniMaxRemains::new,
            "deepseek", DeepSeekBalance::new,
            "openrouter", OpenRouterCredits::new,
            "siliconflow", BalanceField::siliconFlow,
            "zhipu-coding", ZhipuCodingPlan::new,
            "aliyun-coding-plan", AliyunCodingPlan::new,
            "xfyun-coding-plan", XfyunCodingPlan::new);

    /** Host domain → adapter and its quota endpoint, first match wins. */
    private static final List<Route> ROUTES = List.of(
            new Route("kimi.com", "kimi-coding", "https://api.kimi.com"),
            new Route("moonshot.cn", "moonshot", "https://api.moonshot.cn"),
            new Route("moonshot.ai", "moonshot", "https://api.moonshot.ai"),
            new Route("minimaxi.com", "minimax", "https://api.minimaxi.com"),
            new Route("minimax.io", "minimax", "https://api.minimax.io"),
            new Route("deepseek.com", "deepseek", "https://api.deepseek.com"),
            new Route("openrouter.ai", "openrouter", "https://openrouter.ai"),
            new Route("siliconflow.cn", "siliconflow", "https://api.siliconflow.cn"),
            new Route("siliconflow.com", "siliconflow", "https://api.siliconflow.com"),
            new Route("bigmodel.cn", "zhipu-coding", "https://open.bigmodel.cn"),
            new Route("z.ai", "zhipu-coding", "https://api.z.ai"),
            new Route("dashscope.aliyuncs.com", "aliyun-coding-plan", "https://bailian-cs.console.aliyun.com"),
            new Route("maas.aliyuncs.com", "aliyun-coding-plan", "https://bailian-cs.console.aliyun.com"),
            new Route("xf-yun.com", "xfyun-coding-plan", "https://maas.xfyun.cn"),
            new Route("xfyun.cn", "xfyun-coding-plan", "https://maas.xfyun.cn"),
            new Route("xfyun.com", "xfyun-coding-plan", "https://maas.xfyun.cn"));

    private QuotaAdapters() {
    }

    /** The adapter for a provider at {@code apiBaseUrl}, or none when ccr knows no quota endpoint for its host. */
    public static Optional<QuotaAdapter> forBaseUrl(URI apiBaseUrl) {
        return forProvider(apiBaseUrl, Optional.empty(), Optional.empty());
    }

    /**
     * @param adapter the adapter named in {@code quota.adapter}, instead of the one the host implies
     * @param url     the quota endpoint's base URL from {@code quota.url}, instead of the adapter's own
     */
    public static Optional<QuotaAdapter> forProvider(URI apiBaseUrl, Optional<String> adapter, Optional<URI> url) {
        String host = apiBaseUrl.getHost() == null ? "" : apiBaseUrl.getHost().toLowerCase(Locale.ROOT);
        Optional<Route> route = ROUTES.stream().filter(r -> host.equals(r.domain()) || host.endsWith("." + r.domain())).findFirst();
        Optional<String> name = adapter.map(n -> n.toLowerCase(Locale.ROOT)).or(() -> route.map(Route::adapter));
        if (name.isEmpty() || !BY_NAME.containsKey(name.get())) {
            return Optional.empty();
        }
        URI base = url.or(() -> route.filter(r -> r.adapter().equals(name.get())).map(r -> URI.create(r.base())))
                .or(() -> ROUTES.stream().filter(r -> r.adapter().equals(name.get())).findFirst().map(r -> URI.create(r.base())))
                .orElseThrow();
        return Optional.of(BY_NAME.get(name.get()).apply(base));
    }

    /** The adapter for {@code provider} under its quota settings ({@code quota.adapter}, {@code quota.url}). */
    public static Optional<QuotaAdapter> forProvider(dev.ccr.config.Provider provider, dev.ccr.config.QuotaSettings settings) {
        dev.ccr.config.QuotaSettings.ProviderQuota own = settings.forProvider(provider.name());
        return forProvider(provider.apiBaseUrl(), own.adapter(), own.url());
    }

    /** The names {@code quota.adapter} accepts. */
    public static Set<String> names() {
        return new TreeSet<>(BY_NAME.keySet());
    }
}
