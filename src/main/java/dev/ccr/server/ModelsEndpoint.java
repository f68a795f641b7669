package dev.ccr.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.client.ApiError;
import dev.ccr.config.Config;
import dev.ccr.config.DiscoveryIds;
import dev.ccr.config.Provider;
import io.undertow.server.HttpHandler;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code GET /v1/models} and {@code GET /v1/models/{id}} in Anthropic's shape, listing every configured
 * {@code provider,model} (CCR 2.0 has no such route; the fork lists {@code provider,model} ids). Ids are
 * {@code claude-ccr:provider,model} ({@link DiscoveryIds}), because Claude Code's gateway model discovery only
 * accepts ids starting with {@code claude}; the display name names the real model and its provider. A model is looked
 * up by either form.
 */
final class ModelsEndpoint {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<Config> config;
    private final Instant startedAt;

    /** @param config the config of the moment: a reload changes the list */
    ModelsEndpoint(Supplier<Config> config, Instant startedAt) {
        this.config = config;
        this.startedAt = startedAt;
    }

    private List<ObjectNode> models() {
        List<ObjectNode> models = new ArrayList<>();
        for (Provider provider : config.get().providers()) {
            for (String model : provider.models()) {
                models.add(JSON.createObjectNode().put("type", "model").put("id", DiscoveryIds.of(provider.name(), model))
                        .put("display_name", model + " (" + provider.name() + ", via ccr)")
                        .put("created_at", startedAt.toString()));
            }
        }
        return models;
    }

    HttpHandler list() {
        return exchange -> {
            List<ObjectNode> models = models();
            ObjectNode page = JSON.createObjectNode();
            ArrayNode data = page.putArray("data");
            models.forEach(data::add);
            page.put("has_more", false);
            page.put("first_id", models.isEmpty() ? null : models.getFirst().get("id").asText());
            page.put("last_id", models.isEmpty() ? null : models.getLast().get("id").asText());
            Responses.json(exchange, 200, page);
        };
    }

    HttpHandler one() {
        return exchange -> {
            String asked = exchange.getQueryParameters().get("id").getFirst();
            String id = DiscoveryIds.target(asked).isPresent() ? asked : DiscoveryIds.PREFIX + asked;
            ObjectNode found = models().stream().filter(m -> m.get("id").asText().equalsIgnoreCase(id)).findFirst()
                    .orElseThrow(() -> ApiError.notFound("model: " + asked, "model_not_found").exception());
            Responses.json(exchange, 200, found);
        };
    }
}
