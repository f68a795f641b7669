package dev.ccr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The changes {@code ccr model} makes to a config document as written: add a provider or a model, point a router
 * slot at {@code provider,model}. Each refuses what would leave the config wrong and says how to fix it.
 */
final class ModelEdits {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelEdits() {
    }

    static ArrayNode transformers(List<String> specs) {
        ArrayNode use = JSON.createArrayNode();
        for (String spec : specs) {
            int colon = spec.indexOf(':');
            if (colon < 0) {
                use.add(spec.trim());
            } else {
                use.addArray().add(spec.substring(0, colon).trim()).add(parseJson(spec.substring(colon + 1)));
            }
        }
        return use;
    }

    static JsonNode parseJson(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isObject()) {
                throw new CliException("Transformer options must be a JSON object, like {\"max_tokens\":30000}: " + text);
            }
            return node;
        } catch (IOException e) {
            throw new CliException("Transformer options are not valid JSON: " + text);
        }
    }

    static void addProvider(ObjectNode document, String name, String url, String apiKey, List<String> models, ArrayNode use) {
        if (providerNames(document).contains(name)) {
            throw new CliException("Provider \"" + name + "\" already exists.");
        }
        if (models.isEmpty()) {
            throw new CliException("Give the provider at least one model.");
        }
        ArrayNode providers = providers(document);
        ObjectNode provider = providers.addObject().put("name", name).put("api_base_url", url).put("api_key", apiKey == null ? "" : apiKey);
        ArrayNode list = provider.putArray("models");
        models.forEach(list::add);
        if (!use.isEmpty()) {
            provider.putObject("transformer").set("use", use);
        }
    }

    static void addModel(ObjectNode document, String provider, String model) {
        ObjectNode node = providerNode(document, provider);
        ArrayNode models = node.withArrayProperty("models");
        for (JsonNode m : models) {
            if (m.asText().equals(model)) {
                throw new CliException("Model \"" + model + "\" already exists in provider \"" + provider + "\".");
            }
        }
        models.add(model);
    }

    static void setRoute(ObjectNode document, String slot, String target) {
        if (!ModelCommand.SLOTS.containsKey(slot)) {
            throw new CliException("Unknown router slot '" + slot + "': use one of " + String.join(", ", ModelCommand.SLOTS.keySet()) + ".");
        }
        String[] parts = providerModel(target);
        if (!models(document, parts[0]).contains(parts[1])) {
            throw new CliException("Model \"" + parts[1] + "\" is not listed for provider \"" + parts[0]
                    + "\"; add it first: ccr model --add-model " + parts[0] + "," + parts[1]);
        }
        document.withObjectProperty("Router").put(slot, parts[0] + "," + parts[1]);
    }

    static String[] providerModel(String spec) {
        int comma = spec.indexOf(',');
        if (comma <= 0 || comma == spec.length() - 1) {
            throw new CliException("Write the target as provider,model (e.g. deepseek,deepseek-chat), not '" + spec + "'.");
        }
        return new String[] {spec.substring(0, comma).trim(), spec.substring(comma + 1).trim()};
    }

    static ArrayNode providers(ObjectNode document) {
        if (!document.has("Providers") && document.path("providers").isArray()) {
            return (ArrayNode) document.get("providers");
        }
        return document.withArrayProperty("Providers");
    }

    static ObjectNode providerNode(ObjectNode document, String name) {
        for (JsonNode p : providers(document)) {
            if (p.path("name").asText().equals(name) && p.isObject()) {
                return (ObjectNode) p;
            }
        }
        throw new CliException("No provider named \"" + name + "\" (providers: " + String.join(", ", providerNames(document)) + ").");
    }

    static List<String> providerNames(ObjectNode document) {
        List<String> names = new ArrayList<>();
        providers(document).forEach(p -> names.add(p.path("name").asText()));
        return names;
    }

    static List<String> models(ObjectNode document, String provider) {
        List<String> models = new ArrayList<>();
        providerNode(document, provider).path("models").forEach(m -> models.add(m.asText()));
        return models;
    }

    static List<String> allModels(ObjectNode document) {
        List<String> all = new ArrayList<>();
        providers(document).forEach(p -> p.path("models").forEach(m -> all.add(p.path("name").asText() + "," + m.asText())));
        return all;
    }

}
