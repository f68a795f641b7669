package dev.ccr.wire.gemini;

import dev.ccr.wire.WireJson;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Converts an OpenAI chat completions request into a Gemini {@code generateContent} body ({@code gemini};
 * docs/compatibility.md, Transformers).
 *
 * <ul>
 *   <li><b>Messages.</b> {@code user} → role {@code user}, {@code assistant} → role {@code model}. Text (string or
 *       text parts) → {@code text} parts; {@code image_url} with a {@code data:} URL → {@code inlineData {mimeType,
 *       data}}, an http(s) URL → {@code fileData {fileUri}}. Assistant {@code tool_calls} → {@code functionCall
 *       {name, args}} parts (arguments parsed; unparsable ones sent as {@code {}}). A {@code tool} message →
 *       {@code functionResponse {name, response:{result}}} in a {@code user} turn, its name looked up from the earlier
 *       tool call with the same id. Adjacent turns of the same role are merged into one, so the tool results of
 *       one assistant turn and the user's text after them form one {@code user} turn, as Gemini expects. CCR's
 *       {@code thinking.signature} extension on an assistant message goes back as {@code thoughtSignature} on its
 *       first function call (else its first part), which Gemini 3 requires for multi-turn function calling.</li>
 *   <li><b>System (≠ CCR, which sends system messages as user turns).</b> All {@code system} messages, wherever they
 *       are, are joined with {@code "\n\n"} into {@code systemInstruction {parts:[{text}]}}.</li>
 *   <li><b>Tools.</b> Functions → one {@code {functionDeclarations:[{name, description, parameters}]}} with the
 *       schema cleaned by {@link GeminiSchema}; {@code web_search_options} (Anthropic's web search server tool) or a function named
 *       {@code web_search} → {@code {googleSearch:{}}}
 *       instead. {@code tool_choice} (only when functions exist): {@code auto}/{@code none} → {@code AUTO}/{@code NONE},
 *       {@code required} (or Anthropic's {@code any}) → {@code ANY}, a named function → {@code ANY} with
 *       {@code allowedFunctionNames}.</li>
 *   <li><b>generationConfig.</b> {@code max_tokens} (or {@code max_completion_tokens}) → {@code maxOutputTokens};
 *       {@code temperature}, {@code top_p} → {@code topP}, {@code stop} → {@code stopSequences}. {@code reasoning}
 *       with an effort other than {@code none} (or {@code enabled:true}) → {@code thinkingConfig {includeThoughts:
 *       true}} plus, for {@code gemini-3} models, {@code thinkingLevel} ({@code low}, else {@code high}), for others
 *       {@code thinkingBudget} from the effort: low 1024, medium 8192, high 24576 (within every 2.5 model's range),
 *       or {@code reasoning.max_tokens} when given.</li>
 *   <li><b>Not sent:</b> {@code model} and {@code stream} (they go in the URL), {@code stream_options},
 *       {@code response_format}, {@code parallel_tool_calls}, {@code cache_control} and any other field. Tool call
 *       ids are not sent (optional in Gemini; results are matched by name and order).</li>
 * </ul>
 */
public final class ChatToGeminiRequest {
    private ChatToGeminiRequest() {
    }

    /** Returns the Gemini body for {@code chat}; the input is not modified. */
    public static ObjectNode convert(ObjectNode chat) {
        requireNonNull(chat, "chat");
        ObjectNode out = WireJson.object();
        ArrayNode contents = out.putArray("contents");
        StringBuilder system = new StringBuilder();
        Map<String, String> toolNames = new HashMap<>();

        for (JsonNode message : chat.path("messages")) {
            String role = message.path("role").asText("");
            switch (role) {
                case "system", "developer" -> {
                    String text = text(message.get("content"));
                    if (!text.isEmpty()) {
                        system.append(system.isEmpty() ? "" : "\n\n").append(text);
                    }
                }
                case "assistant" -> add(contents, "model", assistantParts(message, toolNames));
                case "tool" -> add(contents, "user", toolResponse(message, toolNames));
                default -> add(contents, "user", userParts(message.get("content")));
            }
        }
        if (!system.isEmpty()) {
            ObjectNode instruction = out.putObject("systemInstruction");
            instruction.putArray("parts").addObject().put("text", system.toString());
        }
        tools(chat, out);
        generationConfig(chat, out);
        return out;
    }

    /* --------------- Contents --------------- */

    /** Appends parts as a turn of {@code role}, merged into the previous turn when it has the same role. */
    private static void add(ArrayNode contents, String role, ArrayNode parts) {
        if (parts.isEmpty()) {
            return;
        }
        JsonNode last = contents.isEmpty() ? null : contents.get(contents.size() - 1);
        if (last != null && role.equals(last.path("role").asText())) {
            ((ArrayNode) last.get("parts")).addAll(parts);
            return;
        }
        ObjectNode turn = contents.addObject();
        turn.put("role", role);
        turn.set("parts", parts);
    }

    private static ArrayNode userParts(JsonNode content) {
        ArrayNode parts = WireJson.NODES.arrayNode();
        if (content == null || content.isNull()) {
            return parts;
        }
        if (content.isTextual()) {
            if (!content.textValue().isEmpty()) {
                parts.addObject().put("text", content.textValue());
            }
            return parts;
        }
        for (JsonNode part : content) {
            switch (part.path("type").asText("")) {
                case "text" -> {
                    String text = part.path("text").asText("");
                    if (!text.isEmpty()) {
                        parts.addObject().put("text", text);
                    }
                }
                case "image_url" -> image(part, parts);
                case "file" -> file(part.path("file"), parts);
                default -> { } // audio…: no Gemini form ccr produces
            }
        }
        return parts;
    }

    /** A {@code file} part with a {@code data:} URL (a PDF from an Anthropic document) → {@code inlineData}. */
    private static void file(JsonNode file, ArrayNode parts) {
        String url = file.path("file_data").asText("");
        int comma = url.indexOf(',');
        if (url.startsWith("data:") && comma > 0) {
            String header = url.substring(5, comma);
            int semicolon = header.indexOf(';');
            ObjectNode inline = parts.addObject().putObject("inlineData");
            inline.put("mimeType", semicolon >= 0 ? header.substring(0, semicolon) : header);
            inline.put("data", url.substring(comma + 1));
        }
    }

    private static void image(JsonNode part, ArrayNode parts) {
        JsonNode imageUrl = part.path("image_url");
        String url = imageUrl.isTextual() ? imageUrl.textValue() : imageUrl.path("url").asText("");
        String declared = part.path("media_type").asText("");
        if (url.startsWith("data:")) {
            int comma = url.indexOf(',');
            if (comma < 0) {
                return;
            }
            String header = url.substring(5, comma);
            int semicolon = header.indexOf(';');
            String mime = semicolon >= 0 ? header.substring(0, semicolon) : header;
            ObjectNode inline = parts.addObject().putObject("inlineData");
            inline.put("mimeType", mime.isEmpty() ? (declared.isEmpty() ? "image/png" : declared) : mime);
            inline.put("data", url.substring(comma + 1));
        } else if (!url.isEmpty()) {
            ObjectNode file = parts.addObject().putObject("fileData");
            if (!declared.isEmpty()) {
                file.put("mimeType", declared);
            }
            file.put("fileUri", url);
        }
    }

    private static ArrayNode assistantParts(JsonNode message, Map<String, String> toolNames) {
        ArrayNode parts = WireJson.NODES.arrayNode();
        String text = text(message.get("content"));
        if (!text.isEmpty()) {
            parts.addObject().put("text", text);
        }
        ObjectNode firstCall = null;
        for (JsonNode call : message.path("tool_calls")) {
            JsonNode function = call.path("function");
            String name = function.path("name").asText("");
            toolNames.put(call.path("id").asText(""), name);
            ObjectNode part = parts.addObject();
            ObjectNode functionCall = part.putObject("functionCall");
            functionCall.put("name", name);
            functionCall.set("args", arguments(function.get("arguments")));
            if (firstCall == null) {
                firstCall = part;
            }
        }
        String signature = message.path("thinking").path("signature").asText("");
        if (!signature.isEmpty() && !parts.isEmpty()) {
            (firstCall != null ? firstCall : (ObjectNode) parts.get(0)).put("thoughtSignature", signature);
        }
        return parts;
    }

    private static JsonNode arguments(JsonNode arguments) {
        if (arguments != null && arguments.isObject()) {
            return arguments.deepCopy();
        }
        if (arguments != null && arguments.isTextual()) {
            ObjectNode parsed = WireJson.parseObjectOrNull(arguments.textValue());
            if (parsed != null) {
                return parsed;
            }
        }
        return WireJson.object();
    }

    private static ArrayNode toolResponse(JsonNode message, Map<String, String> toolNames) {
        ArrayNode parts = WireJson.NODES.arrayNode();
        ObjectNode response = parts.addObject().putObject("functionResponse");
        String name = toolNames.get(message.path("tool_call_id").asText(""));
        response.put("name", name != null ? name : message.path("name").asText("unknown"));
        response.putObject("response").put("result", text(message.get("content")));
        return parts;
    }

    /** A message content as one string: the string itself, or its text parts joined with {@code "\n"}. */
    private static String text(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.textValue();
        }
        StringBuilder sb = new StringBuilder();
        for (JsonNode part : content) {
            if (part.isTextual() || "text".equals(part.path("type").asText())) {
                String t = part.isTextual() ? part.textValue() : part.path("text").asText("");
                if (!t.isEmpty()) {
                    sb.append(sb.isEmpty() ? "" : "\n").append(t);
                }
            }
        }
        return sb.toString();
    }

    /* --------------- Tools --------------- */

    private static void tools(JsonNode chat, ObjectNode out) {
        ArrayNode declarations = WireJson.NODES.arrayNode();
        boolean webSearch = chat.path("web_search_options").isObject();
        for (JsonNode tool : chat.path("tools")) {
            JsonNode function = tool.path("function");
            String name = function.path("name").asText("");
            if (name.equals("web_search")) {
                webSearch = true;
                continue;
            }
            if (name.isEmpty()) {
                continue;
            }
            ObjectNode declaration = declarations.addObject();
            declaration.put("name", name);
            String description = function.path("description").asText("");
            if (!description.isEmpty()) {
                declaration.put("description", description);
            }
            JsonNode parameters = function.get("parameters");
            if (parameters != null && parameters.isObject() && !GeminiSchema.isEmptyObject(parameters)) {
                declaration.set("parameters", GeminiSchema.clean(parameters));
            }
        }
        if (declarations.isEmpty() && !webSearch) {
            return;
        }
        ArrayNode tools = out.putArray("tools");
        if (!declarations.isEmpty()) {
            tools.addObject().set("functionDeclarations", declarations);
        }
        if (webSearch) {
            tools.addObject().putObject("googleSearch");
        }
        if (!declarations.isEmpty()) {
            toolChoice(chat.get("tool_choice"), out);
        }
    }

    private static void toolChoice(JsonNode choice, ObjectNode out) {
        if (choice == null || choice.isNull()) {
            return;
        }
        String mode;
        String only = null;
        if (choice.isTextual()) {
            mode = switch (choice.textValue()) {
                case "auto" -> "AUTO";
                case "none" -> "NONE";
                case "required", "any" -> "ANY";
                default -> null;
            };
        } else {
            only = choice.path("function").path("name").asText("");
            mode = only.isEmpty() ? null : "ANY";
        }
        if (mode == null) {
            return;
        }
        ObjectNode config = out.putObject("toolConfig").putObject("functionCallingConfig");
        config.put("mode", mode);
        if (only != null) {
            config.putArray("allowedFunctionNames").add(only);
        }
    }

    /* --------------- generationConfig --------------- */

    private static void generationConfig(JsonNode chat, ObjectNode out) {
        ObjectNode config = WireJson.object();
        JsonNode max = chat.has("max_tokens") ? chat.get("max_tokens") : chat.get("max_completion_tokens");
        if (max != null && max.isNumber()) {
            config.put("maxOutputTokens", max.asLong());
        }
        if (chat.path("temperature").isNumber()) {
            config.set("temperature", chat.get("temperature"));
        }
        if (chat.path("top_p").isNumber()) {
            config.set("topP", chat.get("top_p"));
        }
        JsonNode stop = chat.get("stop");
        if (stop != null && stop.isTextual()) {
            config.putArray("stopSequences").add(stop.textValue());
        } else if (stop != null && stop.isArray() && !stop.isEmpty()) {
            config.set("stopSequences", stop.deepCopy());
        }
        thinking(chat, config);
        if (!config.isEmpty()) {
            out.set("generationConfig", config);
        }
    }

    private static void thinking(JsonNode chat, ObjectNode config) {
        JsonNode reasoning = chat.get("reasoning");
        String effort = reasoning == null ? "" : reasoning.path("effort").asText("");
        if (effort.isEmpty()) {
            effort = chat.path("reasoning_effort").asText("");
        }
        boolean on = !effort.isEmpty() && !effort.equals("none")
                || effort.isEmpty() && reasoning != null && reasoning.path("enabled").asBoolean(false);
        if (!on) {
            return;
        }
        ObjectNode thinking = config.putObject("thinkingConfig");
        thinking.put("includeThoughts", true);
        if (chat.path("model").asText("").toLowerCase(Locale.ROOT).contains("gemini-3")) {
            thinking.put("thinkingLevel", effort.equals("low") ? "low" : "high");
            return;
        }
        JsonNode budget = reasoning == null ? null : reasoning.get("max_tokens");
        thinking.put("thinkingBudget", budget != null && budget.isNumber() ? budget.asLong() : switch (effort) {
            case "low", "minimal" -> 1024;
            case "medium" -> 8192;
            default -> 24576;
        });
    }
}
