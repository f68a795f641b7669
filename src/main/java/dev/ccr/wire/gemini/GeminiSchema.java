package dev.ccr.wire.gemini;

import dev.ccr.wire.WireJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.Set;

/**
 * Cleans a tool's JSON schema into the subset Gemini's {@code functionDeclarations[].parameters} accepts (its OpenAPI
 * {@code Schema} object), which rejects the whole request on an unknown key such as {@code $schema},
 * {@code additionalProperties}, {@code exclusiveMinimum}, {@code const} or {@code $ref}.
 *
 * <p>Rule: keep only Gemini's schema keys ({@link #KEPT}), recursing into {@code properties}, {@code items} and
 * {@code anyOf}; every other key is dropped. Then: a type list such as {@code ["string","null"]} becomes the one
 * non-null type plus {@code nullable:true} (several non-null types become {@code anyOf}); a {@code {type:"null"}}
 * branch of {@code anyOf} becomes {@code nullable:true}; a string {@code const} becomes a one-value {@code enum};
 * {@code enum} is kept on strings only and {@code format} on strings only for {@code enum} and {@code date-time} (as
 * CCR); {@code required} keeps only names that are in {@code properties}. {@code $ref}/{@code $defs} are not resolved
 * (the referencing property is left with whatever keys remain).
 */
final class GeminiSchema {
    static final Set<String> KEPT = Set.of("type", "format", "title", "description", "nullable", "enum", "maxItems",
            "minItems", "properties", "required", "minProperties", "maxProperties", "minLength", "maxLength", "pattern",
            "example", "anyOf", "propertyOrdering", "default", "items", "minimum", "maximum");

    private GeminiSchema() {
    }

    /** True for a schema that declares nothing: {@code {}} or {@code {type:"object"}} without properties. */
    static boolean isEmptyObject(JsonNode schema) {
        return schema.isEmpty() || schema.size() == 1 && "object".equals(schema.path("type").asText())
                || schema.path("properties").isObject() && schema.path("properties").isEmpty()
                && !schema.has("anyOf") && !schema.has("items");
    }

    /** Returns a cleaned copy of {@code schema}. */
    static ObjectNode clean(JsonNode schema) {
        ObjectNode out = WireJson.object();
        if (!schema.isObject()) {
            return out;
        }
        for (Map.Entry<String, JsonNode> field : schema.properties()) {
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (value.isNull()) {
                continue;
            }
            switch (key) {
                case "type" -> type(value, out);
                case "properties" -> {
                    ObjectNode properties = out.putObject("properties");
                    value.properties().forEach(p -> properties.set(p.getKey(), clean(p.getValue())));
                }
                case "items" -> out.set("items", clean(value));
                case "anyOf" -> anyOf(value, out);
                case "const" -> {
                    if (value.isTextual()) {
                        out.putArray("enum").add(value);
                    }
                }
                default -> {
                    if (KEPT.contains(key)) {
                        out.set(key, value.deepCopy());
                    }
                }
            }
        }
        String type = out.path("type").asText("");
        if (out.has("enum") && !type.equals("string")) {
            out.remove("enum");
        }
        if (out.has("format") && (!type.equals("string")
                || !Set.of("enum", "date-time").contains(out.path("format").asText()))) {
            out.remove("format");
        }
        if (out.has("required")) {
            ArrayNode required = WireJson.NODES.arrayNode();
            for (JsonNode name : out.get("required")) {
                if (out.path("properties").has(name.asText())) {
                    required.add(name.asText());
                }
            }
            if (required.isEmpty()) {
                out.remove("required");
            } else {
                out.set("required", required);
            }
        }
        return out;
    }

    private static void type(JsonNode value, ObjectNode out) {
        if (value.isTextual()) {
            if (!value.textValue().equals("null")) {
                out.put("type", value.textValue());
            } else {
                out.put("nullable", true);
            }
            return;
        }
        ArrayNode types = WireJson.NODES.arrayNode();
        for (JsonNode t : value) {
            if (t.asText().equals("null")) {
                out.put("nullable", true);
            } else {
                types.add(t.asText());
            }
        }
        if (types.size() == 1) {
            out.put("type", types.get(0).asText());
        } else if (types.size() > 1) {
            ArrayNode anyOf = out.putArray("anyOf");
            types.forEach(t -> anyOf.addObject().put("type", t.asText()));
        }
    }

    private static void anyOf(JsonNode value, ObjectNode out) {
        ArrayNode branches = WireJson.NODES.arrayNode();
        for (JsonNode branch : value) {
            if ("null".equals(branch.path("type").asText())) {
                out.put("nullable", true);
            } else {
                branches.add(clean(branch));
            }
        }
        if (branches.size() == 1 && !out.has("type")) {
            branches.get(0).properties().forEach(p -> out.set(p.getKey(), p.getValue()));
        } else if (!branches.isEmpty()) {
            out.set("anyOf", branches);
        }
    }
}
