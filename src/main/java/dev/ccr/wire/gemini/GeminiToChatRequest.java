package dev.ccr.wire.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.wire.BadRequestException;
import dev.ccr.wire.ThinkingToken;
import dev.ccr.wire.WireJson;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Converts a Gemini {@code generateContent} request from a client (Gemini CLI, the Google Gen AI SDKs) into an OpenAI
 * chat request, the form {@code dev.ccr.wire.openai.ChatToAnthropicRequest} then turns into Anthropic's: the reverse of
 * {@link ChatToGeminiRequest}. Field names are read in the JSON form the SDKs send ({@code systemInstruction}) and in
 * the REST API's snake case ({@code system_instruction}).
 *
 * <ul>
 *   <li>{@code systemInstruction} text → a system message. {@code contents}: role {@code model} → assistant, else
 *       user.</li>
 *   <li>Parts: {@code text} → text ({@code thought:true} text is dropped: Gemini's thoughts mean nothing to other
 *       models); {@code inlineData} → a {@code data:} URL image (or a file part for other media types);
 *       {@code fileData} → an image URL; {@code functionCall} → a tool call; {@code functionResponse} → a
 *       {@code tool} message with the response as JSON. Calls without an {@code id} (Gemini's older form) get one,
 *       and a response without an {@code id} answers the oldest unanswered call of the same name. A
 *       {@code thoughtSignature} that ccr made ({@code dev.ccr.wire.ThinkingToken}) brings its signed thinking back
 *       as CCR's {@code thinking {content, signature}}; Gemini's own signatures mean nothing to other models.</li>
 *   <li>{@code tools[].functionDeclarations} → function tools, with {@code parametersJsonSchema} as is or
 *       {@code parameters} (Gemini's OpenAPI subset) with its upper-case types lower-cased; other tools (Google
 *       Search, code execution) are dropped. {@code toolConfig.functionCallingConfig.mode} {@code AUTO}, {@code ANY},
 *       {@code NONE} → {@code auto}, {@code required} (or the one allowed function), {@code none}.</li>
 *   <li>{@code generationConfig}: {@code maxOutputTokens} → {@code max_tokens}; {@code temperature}, {@code topP}
 *       copied; {@code stopSequences} → {@code stop}; {@code thinkingConfig.thinkingBudget} → {@code reasoning_effort}
 *       by the budget tiers (0 off, ≤1024 low, ≤8192 medium, else or -1 high), {@code thinkingLevel} as its name;
 *       {@code responseJsonSchema} (or {@code responseSchema}) with {@code responseMimeType: application/json} →
 *       {@code response_format}. {@code candidateCount} above 1 is refused.</li>
 *   <li>Ignored: {@code safetySettings}, {@code cachedContent}, {@code topK}, {@code seed}, penalties.</li>
 * </ul>
 */
public final class GeminiToChatRequest {
    private GeminiToChatRequest() {}

    /**
     * Returns the chat request for {@code request}; the input is not modified.
     *
     * @param model  the model named in the URL ({@code /v1beta/models/{model}:generateContent})
     * @param stream whether the client called {@code streamGenerateContent}
     */
    public static ObjectNode convert(ObjectNode request, String model, boolean stream) {
        requireNonNull(request, "request");
        ObjectNode chat = WireJson.object().put("model", model).put("stream", stream);
        ArrayNode messages = chat.putArray("messages");
        String system = text(field(request, "systemInstruction", "system_instruction"));
        if (!system.isEmpty()) {
            messages.addObject().put("role", "system").put("content", system);
        }
        if (!(request.get("contents") instanceof ArrayNode contents) || contents.isEmpty()) {
            throw new BadRequestException("'contents' must be a non-empty array");
        }
        Calls calls = new Calls();
        for (int i = 0; i < contents.size(); i++) {
            content(contents.get(i), "contents[" + i + "]", messages, calls);
        }
        generationConfig(field(request, "generationConfig", "generation_config"), chat);
        tools(request, chat);
        return chat;
    }

    /* --------------- Contents --------------- */

    /** Ids of the calls made so far, per function name, so a response without an id finds its call. */
    private static final class Calls {
        private final Map<String, Deque<String>> unanswered = new HashMap<>();
        private int next;

        String made(String name, String id) {
            String callId = id.isEmpty() ? "call_" + name + "_" + next++ : id;
            unanswered.computeIfAbsent(name, n -> new ArrayDeque<>()).add(callId);
            return callId;
        }

        String answered(String name, String id) {
            Deque<String> open = unanswered.getOrDefault(name, new ArrayDeque<>());
            if (!id.isEmpty()) {
                open.remove(id);
                return id;
            }
            String callId = open.pollFirst();
            return callId != null ? callId : "call_" + name + "_" + next++;
        }
    }

    private static void content(JsonNode content, String path, ArrayNode messages, Calls calls) {
        boolean model = content.path("role").asText("user").equals("model");
        ArrayNode parts = WireJson.NODES.arrayNode();
        ArrayNode toolCalls = WireJson.NODES.arrayNode();
        ArrayNode toolResults = WireJson.NODES.arrayNode();
        ObjectNode thinking = null;
        int i = 0;
        for (JsonNode part : content.path("parts")) {
            String where = path + ".parts[" + i++ + "]";
            if (thinking == null) {
                thinking = ThinkingToken.decode(field(part, "thoughtSignature", "thought_signature").asText(""))
                        .orElse(null);
            }
            if (part.has("text")) {
                if (!part.path("thought").asBoolean(false) && !part.path("text").asText("").isEmpty()) {
                    parts.addObject().put("type", "text").put("text", part.path("text").asText());
                }
            } else if (part.has("functionCall") || part.has("function_call")) {
                JsonNode call = field(part, "functionCall", "function_call");
                String name = call.path("name").asText("");
                ObjectNode entry = toolCalls.addObject()
                        .put("id", calls.made(name, call.path("id").asText(""))).put("type", "function");
                entry.putObject("function").put("name", name)
                        .put("arguments", WireJson.compact(call.path("args").isObject() ? call.get("args") : WireJson.object()));
            } else if (part.has("functionResponse") || part.has("function_response")) {
                JsonNode response = field(part, "functionResponse", "function_response");
                String name = response.path("name").asText("");
                toolResults.addObject().put("role", "tool")
                        .put("tool_call_id", calls.answered(name, response.path("id").asText("")))
                        .put("content", WireJson.compact(response.path("response")));
            } else if (part.has("inlineData") || part.has("inline_data")) {
                JsonNode data = field(part, "inlineData", "inline_data");
                String mime = field(data, "mimeType", "mime_type").asText("application/octet-stream");
                String url = "data:" + mime + ";base64," + data.path("data").asText("");
                if (mime.startsWith("image/")) {
                    parts.addObject().put("type", "image_url").putObject("image_url").put("url", url);
                } else {
                    parts.addObject().put("type", "file").putObject("file").put("file_data", url);
                }
            } else if (part.has("fileData") || part.has("file_data")) {
                JsonNode data = field(part, "fileData", "file_data");
                parts.addObject().put("type", "image_url").putObject("image_url")
                        .put("url", field(data, "fileUri", "file_uri").asText(""));
            } else if (!part.has("thoughtSignature") && !part.has("thought_signature")) {
                throw new BadRequestException(where + ": " + (part.isObject() && !part.isEmpty()
                        ? "part " + part.fieldNames().next() + " is not supported" : "a part must be a non-empty object")
                        + "; send text, inlineData, fileData, functionCall or functionResponse");
            }
        }
        if (model) {
            ObjectNode assistant = messages.addObject().put("role", "assistant");
            assistant.put("content", joined(parts));
            if (thinking != null) {
                assistant.set("thinking", thinking);
            }
            if (!toolCalls.isEmpty()) {
                assistant.set("tool_calls", toolCalls);
            }
        } else {
            // Tool results first: Anthropic wants them at the start of the turn that follows the calls.
            messages.addAll(toolResults);
            if (!parts.isEmpty()) {
                messages.addObject().put("role", "user").set("content", parts);
            }
        }
    }

    private static String joined(ArrayNode parts) {
        StringBuilder sb = new StringBuilder();
        parts.forEach(p -> sb.append(p.path("text").asText("")));
        return sb.toString();
    }

    private static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder sb = new StringBuilder();
        for (JsonNode part : content.path("parts")) {
            String t = part.path("text").asText("");
            if (!t.isEmpty()) {
                sb.append(sb.isEmpty() ? "" : "\n").append(t);
            }
        }
        return sb.toString();
    }

    /* --------------- Options and tools --------------- */

    private static void generationConfig(JsonNode config, ObjectNode chat) {
        if (config.path("candidateCount").asInt(config.path("candidate_count").asInt(1)) > 1) {
            throw new BadRequestException("generationConfig.candidateCount above 1 is not supported: ccr answers with "
                    + "one candidate");
        }
        JsonNode max = field(config, "maxOutputTokens", "max_output_tokens");
        if (max.isNumber()) {
            chat.put("max_tokens", max.asLong());
        }
        if (config.path("temperature").isNumber()) {
            chat.set("temperature", config.get("temperature"));
        }
        JsonNode topP = field(config, "topP", "top_p");
        if (topP.isNumber()) {
            chat.set("top_p", topP);
        }
        JsonNode stop = field(config, "stopSequences", "stop_sequences");
        if (stop.isArray() && !stop.isEmpty()) {
            chat.set("stop", stop.deepCopy());
        }
        JsonNode thinking = field(config, "thinkingConfig", "thinking_config");
        JsonNode budget = field(thinking, "thinkingBudget", "thinking_budget");
        String level = field(thinking, "thinkingLevel", "thinking_level").asText("").toLowerCase(Locale.ROOT);
        if (budget.isNumber()) {
            long b = budget.asLong();
            String effort = b == 0 ? null : b < 0 || b > 8192 ? "high" : b > 1024 ? "medium" : "low";
            if (effort != null) {
                chat.put("reasoning_effort", effort);
            }
        } else if (level.equals("low") || level.equals("medium") || level.equals("high")) {
            chat.put("reasoning_effort", level);
        }
        JsonNode schema = field(config, "responseJsonSchema", "response_json_schema");
        if (schema.isMissingNode()) {
            JsonNode openApi = field(config, "responseSchema", "response_schema");
            schema = openApi.isMissingNode() ? openApi : jsonSchema(openApi);
        }
        if (schema.isObject() && field(config, "responseMimeType", "response_mime_type").asText("").equals("application/json")) {
            ObjectNode format = chat.putObject("response_format").put("type", "json_schema")
                    .putObject("json_schema").put("name", "response");
            format.set("schema", schema.deepCopy());
        }
    }

    private static void tools(JsonNode request, ObjectNode chat) {
        ArrayNode tools = WireJson.NODES.arrayNode();
        for (JsonNode tool : request.path("tools")) {
            for (JsonNode declaration : field(tool, "functionDeclarations", "function_declarations")) {
                ObjectNode function = tools.addObject().put("type", "function").putObject("function")
                        .put("name", declaration.path("name").asText(""));
                if (declaration.has("description")) {
                    function.put("description", declaration.path("description").asText(""));
                }
                JsonNode jsonSchema = field(declaration, "parametersJsonSchema", "parameters_json_schema");
                JsonNode parameters = jsonSchema.isObject() ? jsonSchema.deepCopy()
                        : declaration.path("parameters").isObject() ? jsonSchema(declaration.get("parameters"))
                        : WireJson.object().put("type", "object");
                function.set("parameters", parameters);
            }
        }
        if (tools.isEmpty()) {
            return;
        }
        chat.set("tools", tools);
        JsonNode calling = field(field(request, "toolConfig", "tool_config"),
                "functionCallingConfig", "function_calling_config");
        JsonNode allowed = field(calling, "allowedFunctionNames", "allowed_function_names");
        switch (calling.path("mode").asText("").toUpperCase(Locale.ROOT)) {
            case "NONE" -> chat.put("tool_choice", "none");
            case "ANY" -> {
                if (allowed.isArray() && allowed.size() == 1) {
                    chat.putObject("tool_choice").put("type", "function").putObject("function")
                            .put("name", allowed.get(0).asText());
                } else {
                    chat.put("tool_choice", "required");
                }
            }
            default -> { } // AUTO, VALIDATED or absent: the provider decides
        }
    }

    /** Gemini's OpenAPI-subset schema as JSON Schema: upper-case type names lower-cased, {@code nullable} dropped. */
    static JsonNode jsonSchema(JsonNode schema) {
        JsonNode copy = schema.deepCopy();
        lowerTypes(copy);
        return copy;
    }

    private static void lowerTypes(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.path("type").isTextual()) {
                object.put("type", object.get("type").asText().toLowerCase(Locale.ROOT));
            }
            object.remove("nullable");
            for (Iterator<JsonNode> it = object.elements(); it.hasNext(); ) {
                lowerTypes(it.next());
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(GeminiToChatRequest::lowerTypes);
        }
    }

    /** A field by its JSON name, else by its REST snake-case name; a missing node when neither is there. */
    private static JsonNode field(JsonNode node, String camel, String snake) {
        JsonNode v = node.get(camel);
        return v != null ? v : node.path(snake);
    }
}
