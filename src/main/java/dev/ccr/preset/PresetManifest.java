package dev.ccr.preset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One preset's {@code manifest.json} and the config it resolves to, as CCR's {@code loadConfigFromManifest}
 * (docs/cli.md): metadata and the dynamic fields are set aside; if the user gave values, the {@code template} (or else
 * the config section) has its {@code #{var}} placeholders filled and the schema ids removed, then
 * {@code configMappings} and path-shaped {@code userValues} keys are applied; relative script and transformer paths
 * become absolute under the preset's folder.
 *
 * <p>One improvement: a string that is exactly {@code "#{var}"} takes the value with its JSON type (a number stays a
 * number); CCR always substitutes text.
 */
public final class PresetManifest {
    /** Manifest keys that describe the preset rather than configure the router. */
    public static final Set<String> METADATA_FIELDS = Set.of("name", "version", "description", "author", "homepage",
            "repository", "license", "keywords", "ccrVersion", "source", "sourceType", "checksum");
    /** Keys of the input system (docs/cli.md). */
    public static final Set<String> DYNAMIC_FIELDS = Set.of("schema", "template", "configMappings", "userValues");

    private static final Pattern VARIABLE = Pattern.compile("#\\{(\\w+)}");
    private static final Pattern WHOLE_VARIABLE = Pattern.compile("^#\\{(\\w+)}$");

    private final String dirName;
    private final Path dir;
    private final ObjectNode manifest;

    public PresetManifest(String dirName, Path dir, ObjectNode manifest) {
        this.dirName = dirName;
        this.dir = dir;
        this.manifest = manifest;
    }

    /** The folder name: the preset's identity for {@code ccr <name>}, the server's {@code /preset/<name>} and the CLI alike. */
    public String dirName() {
        return dirName;
    }

    public Path dir() {
        return dir;
    }

    /** The manifest as stored. */
    public ObjectNode manifest() {
        return manifest;
    }

    public String displayName() {
        return text("name").orElse(dirName);
    }

    public Optional<String> text(String field) {
        JsonNode value = manifest.path(field);
        return value.isValueNode() && !value.asText().isEmpty() ? Optional.of(value.asText()) : Optional.empty();
    }

    /** The input schema's fields, in order. */
    public List<JsonNode> schema() {
        List<JsonNode> fields = new ArrayList<>();
        manifest.path("schema").forEach(fields::add);
        return fields;
    }

    public ObjectNode userValues() {
        JsonNode values = manifest.path("userValues");
        return values.isObject() ? (ObjectNode) values : JsonNodeFactory.instance.objectNode();
    }

    /** Schema fields the user still has to fill: required, shown under the current values, and without a value. */
    public List<String> missingInputs() {
        ObjectNode values = userValues();
        List<String> missing = new ArrayList<>();
        for (JsonNode field : schema()) {
            String id = field.path("id").asText();
            boolean required = !field.path("required").isBoolean() || field.path("required").booleanValue();
            if (required && Conditions.shouldShow(field, values) && !values.has(id) && !field.has("defaultValue")) {
                missing.add(id);
            }
        }
        return missing;
    }

    /** The config section: every key that is neither metadata nor part of the input system. */
    public ObjectNode configSection() {
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        manifest.properties().forEach(field -> {
            if (!METADATA_FIELDS.contains(field.getKey()) && !DYNAMIC_FIELDS.contains(field.getKey())) {
                config.set(field.getKey(), field.getValue().deepCopy());
            }
        });
        return config;
    }

    /** The config this preset stands for, with the user's values applied (CCR's {@code loadConfigFromManifest}). */
    public ObjectNode resolvedConfig() {
        ObjectNode values = userValues();
        ObjectNode config;
        if (values.isEmpty()) {
            config = configSection();
        } else {
            JsonNode template = manifest.path("template");
            if (template.isObject()) {
                config = (ObjectNode) substitute(template, values);
            } else {
                config = (ObjectNode) substitute(configSection(), values);
                for (JsonNode field : schema()) {
                    config.remove(field.path("id").asText());
                }
            }
            for (JsonNode mapping : manifest.path("configMappings")) {
                if (mapping.has("when") && !Conditions.evaluate(mapping.get("when"), values)) {
                    continue;
                }
                JsonNode value = mapping.path("value");
                if (value.isTextual() && value.asText().startsWith("#")) {
                    String name = value.asText().replaceAll("^#\\{(.+)}$", "$1");
                    value = values.path(name);
                }
                JsonPaths.set(config, mapping.path("target").asText(), value.isMissingNode() ? JsonNodeFactory.instance.nullNode() : value.deepCopy());
            }
            values.properties().forEach(field -> {
                if (field.getKey().contains(".") || field.getKey().contains("[")) {
                    JsonPaths.set(config, field.getKey(), field.getValue().deepCopy());
                }
            });
        }
        absolutePaths(config);
        return config;
    }

    /** Config keys that belong to the server or to Claude Code, never to a preset's namespace. */
    private static final Set<String> NOT_FOR_NAMESPACE = Set.of("HOST", "PORT", "APIKEY", "noServer", "claudeCodeSettings",
            "StatusLine", "NON_INTERACTIVE_MODE", "provider", "Providers", "providers", "Router");

    /**
     * The config document the server's {@code /preset/<name>} namespace runs with: the global document with its
     * providers and Router replaced by the preset's (docs/ccr-checklist.md item 72: the namespace sees only the preset's own
     * providers), plus any other router keys the preset sets. The global {@code fallback} names global providers, so
     * only the preset's own applies (CCR's namespaces have none). The legacy {@code provider} key names one global
     * provider.
     */
    public ObjectNode namespaceDocument(ObjectNode globalDocument) {
        ObjectNode preset = resolvedConfig();
        ObjectNode doc = globalDocument.deepCopy();
        doc.remove("providers");
        doc.remove("fallback");
        JsonNode providers = preset.has("Providers") ? preset.get("Providers") : preset.path("providers");
        if (providers.isArray()) {
            doc.set("Providers", providers.deepCopy());
        } else if (preset.path("provider").isTextual()) {
            ArrayNode one = doc.arrayNode();
            JsonNode global = globalDocument.has("Providers") ? globalDocument.get("Providers") : globalDocument.path("providers");
            global.forEach(p -> {
                if (p.path("name").asText().equals(preset.get("provider").asText())) {
                    one.add(p.deepCopy());
                }
            });
            doc.set("Providers", one);
        } else {
            doc.set("Providers", doc.arrayNode());
        }
        doc.set("Router", preset.path("Router").isObject() ? preset.get("Router").deepCopy() : doc.objectNode());
        preset.properties().forEach(field -> {
            if (!NOT_FOR_NAMESPACE.contains(field.getKey())) {
                doc.set(field.getKey(), field.getValue().deepCopy());
            }
        });
        return doc;
    }

    /** Fills {@code #{var}} placeholders in every string of {@code node}; unknown variables become "" (as CCR). */
    static JsonNode substitute(JsonNode node, ObjectNode values) {
        if (node.isTextual()) {
            Matcher whole = WHOLE_VARIABLE.matcher(node.textValue());
            if (whole.matches() && values.has(whole.group(1)) && !values.get(whole.group(1)).isTextual()) {
                return values.get(whole.group(1)).deepCopy();
            }
            Matcher m = VARIABLE.matcher(node.textValue());
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                JsonNode value = values.path(m.group(1));
                m.appendReplacement(out, Matcher.quoteReplacement(value.isMissingNode() || value.isNull() ? ""
                        : value.isValueNode() ? value.asText() : value.toString()));
            }
            m.appendTail(out);
            return TextNode.valueOf(out.toString());
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(e -> copy.add(substitute(e, values)));
            return copy;
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(f -> copy.set(f.getKey(), substitute(f.getValue(), values)));
            return copy;
        }
        return node.deepCopy();
    }

    private void absolutePaths(ObjectNode config) {
        JsonNode statusLine = config.path("StatusLine");
        if (statusLine.isObject()) {
            statusLine.properties().forEach(theme -> theme.getValue().path("modules").forEach(module -> {
                if (module.isObject() && module.path("scriptPath").isTextual()) {
                    ((ObjectNode) module).put("scriptPath", absolute(module.get("scriptPath").asText()));
                }
            }));
        }
        config.path("transformers").forEach(transformer -> {
            if (transformer.isObject() && transformer.path("path").isTextual()) {
                ((ObjectNode) transformer).put("path", absolute(transformer.get("path").asText()));
            }
        });
    }

    private String absolute(String path) {
        return Path.of(path).isAbsolute() ? path : dir.resolve(path).normalize().toString();
    }
}
