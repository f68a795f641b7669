package dev.ccr.wire.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the client's {@code tools} list into OpenAI functions, deciding for each tool whether a provider that only
 * knows functions can use it.
 *
 * <ul>
 *   <li><b>Client tools</b> ({@code {name, description, input_schema}}) become functions. Those marked
 *       {@code defer_loading} are sent too, as ordinary functions, but after all the others: Claude Code adds a
 *       deferred tool to {@code tools} (in name order) once its ToolSearch found it, and Anthropic leaves deferred
 *       tools out of the cached prompt. Putting them last keeps the prefix a provider caches the same as before, and
 *       declaring them lets the provider accept the call.</li>
 *   <li><b>{@value #PLACEHOLDER}</b>, a deferred tool whose description says never to call it, is not sent: it only
 *       tells Anthropic's API to keep deferred loading on.</li>
 *   <li><b>Anthropic server tools</b> (a {@code type} other than {@code custom} and no schema: {@code web_search_*},
 *       {@code web_fetch_*}, {@code code_execution_*}, {@code tool_search_tool_*}, {@code bash_*},
 *       {@code text_editor_*}…) run inside Anthropic's API; a provider given a parameterless function of that name
 *       would call it and nobody could answer. {@code web_search_*} becomes OpenAI's {@code web_search_options}
 *       (the Gemini and Responses converters turn that into their own search tool); every other one is dropped.</li>
 * </ul>
 */
final class AnthropicTools {

    /** Claude Code 2.1.3xx's marker tool for deferred loading (captured in src/test/resources/wire/claude-code). */
    static final String PLACEHOLDER = "DeferredToolPlaceholder";

    private AnthropicTools() {}

    /** Adds {@code tools}, {@code web_search_options} and {@code tool_choice} to {@code out}. */
    static void addTo(ObjectNode request, ObjectNode out) {
        JsonNode tools = request.get("tools");
        if (tools == null || !tools.isArray() || tools.isEmpty()) {
            return;
        }
        List<JsonNode> now = new ArrayList<>();
        List<JsonNode> deferred = new ArrayList<>();
        for (JsonNode tool : tools) {
            if (isServerTool(tool)) {
                if (tool.path("type").asText("").startsWith("web_search")) {
                    out.set("web_search_options", webSearchOptions(tool));
                }
            } else if (tool.path("defer_loading").asBoolean(false)) {
                if (!PLACEHOLDER.equals(tool.path("name").asText())) {
                    deferred.add(tool);
                }
            } else {
                now.add(tool);
            }
        }
        now.addAll(deferred);
        if (now.isEmpty()) {
            return; // OpenAI rejects an empty list and a tool_choice without tools
        }
        ArrayNode converted = out.putArray("tools");
        for (JsonNode tool : now) {
            ObjectNode entry = converted.addObject();
            entry.put("type", "function");
            ObjectNode fn = entry.putObject("function");
            fn.put("name", tool.path("name").asText(""));
            fn.put("description", tool.path("description").asText(""));
            JsonNode schema = Json.present(tool, "input_schema");
            if (schema != null) {
                fn.set("parameters", schema.deepCopy());
            }
        }
        addToolChoice(request.get("tool_choice"), out);
    }

    /** True for a tool Anthropic's API defines and runs (it has a versioned {@code type} and no schema). */
    static boolean isServerTool(JsonNode tool) {
        String type = tool.path("type").asText("");
        return !type.isEmpty() && !type.equals("custom") && Json.present(tool, "input_schema") == null;
    }

    /**
     * One line of the {@code <functions>} block Claude Code's ToolSearch tool promises its model, for a deferred tool
     * the client asked Anthropic to expand ({@code tool_reference}); null when {@code tools} has no such tool.
     */
    static String definition(JsonNode tools, String name) {
        for (JsonNode tool : tools) {
            if (name.equals(tool.path("name").asText(null)) && !isServerTool(tool)) {
                ObjectNode def = Json.object();
                def.put("description", tool.path("description").asText(""));
                def.put("name", name);
                JsonNode schema = Json.present(tool, "input_schema");
                def.set("parameters", schema != null ? schema.deepCopy() : emptySchema());
                return "<function>" + Json.compact(def) + "</function>";
            }
        }
        return null;
    }

    private static ObjectNode emptySchema() {
        ObjectNode schema = Json.object();
        schema.put("type", "object");
        schema.putObject("properties");
        return schema;
    }

    /** Anthropic's {@code user_location} has the fields OpenAI nests under {@code approximate}. */
    private static ObjectNode webSearchOptions(JsonNode tool) {
        ObjectNode options = Json.object();
        JsonNode location = tool.path("user_location");
        if (location.isObject()) {
            ObjectNode approximate = Json.object();
            for (String field : List.of("city", "region", "country", "timezone")) {
                String value = Json.nonEmptyText(location.get(field));
                if (value != null) {
                    approximate.put(field, value);
                }
            }
            if (!approximate.isEmpty()) {
                ObjectNode user = options.putObject("user_location");
                user.put("type", "approximate");
                user.set("approximate", approximate);
            }
        }
        return options;
    }

    private static void addToolChoice(JsonNode choice, ObjectNode out) {
        if (choice == null || !choice.isObject()) {
            return;
        }
        String type = choice.path("type").asText("");
        switch (type) {
            case "tool" -> {
                ObjectNode named = out.putObject("tool_choice");
                named.put("type", "function");
                named.putObject("function").put("name", choice.path("name").asText(""));
            }
            case "any" -> out.put("tool_choice", "required");
            case "" -> { }
            default -> out.put("tool_choice", type);
        }
        if (choice.path("disable_parallel_tool_use").asBoolean(false)) {
            out.put("parallel_tool_calls", false);
        }
    }
}
