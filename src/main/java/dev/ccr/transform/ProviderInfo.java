package dev.ccr.transform;

import java.net.URI;
import java.util.List;

/** What a transformer knows of the provider it works for (CCR's {@code LLMProvider}, docs/plugins.md). */
public record ProviderInfo(String name, URI baseUrl, String apiKey, List<String> models) {
    public ProviderInfo {
        models = List.copyOf(models);
    }

    @Override
    public String toString() {
        return "ProviderInfo[name=" + name + ", baseUrl=" + baseUrl + "]";
    }
}
