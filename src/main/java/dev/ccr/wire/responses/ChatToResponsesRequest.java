package dev.ccr.wire.responses;

import dev.ccr.wire.WireJson;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Converts an OpenAI chat completions request into an OpenAI Responses API body ({@code openai-responses};
 * docs/compatibility.md, Transformers).
 *
 * <ul>
 *   <li><b>System.</b> All {@code system}/{@code developer} messages are joined with {@code "\n\n"} into
 *       {@code instructions}.</li>
 *   <li><b>Input.</b> {@code user} messages → {@code {type:"message", role:"user", content:[input_text | input_image]}}
 *       (an {@code image_url} part → {@code input_image} with its URL, {@code data:} URLs included); {@code assistant}
 *       text → {@code {type:"message", role:"assistant", content:[output_text]}}, its {@code tool_calls} →
 *       {@code {type:"function_call", call_id, name, arguments}} items; a {@code tool} message →
 *       {@code {type:"function_call_output", call_id, output}} (text parts joined).</li>
 *   <li><b>Tools.</b> Functions → {@code {type:"function", name, description, parameters}}; a function named
 *       {@code web_search} and {@code web_search_options} → {@code {type:"web_search"}} (the location
 *       flattened, as the Responses API has it). {@code tool_choice} strings pass; a named function →
 *       {@code {type:"function", name}}. {@code parallel_tool_calls} passes.</li>
 *   <li><b>Limits and reasoning.</b> {@code max_tokens} (or {@code max_completion_tokens}) → {@code max_output_tokens};
 *       {@code reasoning} (or {@code reasoning_effort}) with an effort other than {@code none} →
 *       {@code reasoning {effort, summary:"detailed"}}; {@code reasoning.enabled:false} sends none.</li>
 *   <li><b>Kept:</b> {@code model}, {@code stream}; {@code store:false} is always set. <b>Not sent:</b>
 *       {@code temperature} (as CCR), {@code top_p}, {@code stop}, {@code stream_options}, {@code response_format},
 *       {@code cache_control} and any other chat field (≠ CCR, which passes unknown fields through; the Responses API
 *       rejects chat-only ones). CCR's making the {@code Edit} tool {@code strict} is not done.</li>
 * </ul>
 */
public final class ChatToResponsesRequest {
    private ChatToResponsesRequest() {
    }

    /** Returns the Responses body for {@code chat}; the input is not modified. */
    public static ObjectNode convert(ObjectNode chat) {
        requireNonNull(chat, "chat");
        ObjectNode out = WireJson.object();
        if (chat.hasNonNull("model")) {
            out.set("model", chat.get("model"));
        }
        StringBuilder system = new StringBuilder();
        ArrayNode input = WireJson.NODES.arrayNode();
        for (JsonNode message : chat.path("messages")) {
            switch (message.path("role").asText("")) {
                case "system", "developer" -> {
                    String text = text(message.get("content"));
                    if (!text.isEmpty()) {
                        system.append(system.isEmpty() ? "" : "\n\n").append(text);
                    }
                }
                case "assistant" -> assistant(message, input);
                case "tool" -> {
                    ObjectNode item = input.addObject();
                    item.put("type", "function_call_output");
                    item.put("call_id", message.path("tool_call_id").asText(""));
                    item.put("output", text(message.get("content")));
                }
                default -> user(message.get("content"), input);
            }
        }
        if (!system.isEmpty()) {
            out.put("instructions", system.toString());
        }
        out.set("input", input);
        tools(chat, out);
        JsonNode max = chat.hasNonNull("max_tokens") ? chat.get("max_tokens") : chat.get("max_completion_tokens");
        if (max != null && max.isNumber()) {
            out.put("max_output_tokens", max.asLong());
        }
        reasoning(chat, out);
        if (chat.has("stream")) {
            out.put("stream", chat.path("stream").asBoolean(false));
        }
        out.put("store", false);
        return out;
    }

    private static void user(JsonNode content, ArrayNode input) {
        ArrayNode parts = WireJson.NODES.arrayNode();
        if (content != null && content.isTextual()) {
            if (!content.textValue().isEmpty()) {
                parts.addObject().put("type", "input_text").put("text", content.textValue());
            }
        } else if (content != null && content.isArray()) {
            for (JsonNode part : content) {
                switch (part.path("type").asText("")) {
                    case "text" -> {
                        String text = part.path("text").asText("");
                        if (!text.isEmpty()) {
                            parts.addObject().put("type", "input_text").put("text", text);
                        }
                    }
                    case "image_url" -> {
                        JsonNode image = part.path("image_url");
                        String url = image.isTextual() ? image.asText() : image.path("url").asText("");
                        if (!url.isEmpty()) {
                            ObjectNode p = parts.addObject().put("type", "input_image").put("image_url", url);
                            if (image.hasNonNull("detail")) {
                                p.put("detail", image.get("detail").asText());
                            }
                        }
                    }
                    case "file" -> {
                        JsonNode file = part.path("file");
                        if (file.hasNonNull("file_data")) {
                            ObjectNode p = parts.addObject().put("type", "input_file")
                                    .put("file_data", file.get("file_data").asText());
                            p.put("filename", file.path("filename").asText("document.pdf"));
                        }
                    }
                    default -> { } // audio…: not converted
                }
            }
        }
        if (!parts.isEmpty()) {
            message(input, "user", parts);
        }
    }

    private static void assistant(JsonNode message, ArrayNode input) {
        String text = text(message.get("content"));
        if (!text.isEmpty()) {
            ArrayNode parts = WireJson.NODES.arrayNode();
            parts.addObject().put("type", "output_text").put("text", text);
            message(input, "assistant", parts);
        }
        for (JsonNode call : message.path("tool_calls")) {
            ObjectNode item = input.addObject();
            item.put("type", "function_call");
            item.put("call_id", call.path("id").asText(""));
            item.put("name", call.path("function").path("name").asText(""));
            JsonNode args = call.path("function").path("arguments");
            item.put("arguments", args.isTextual() ? args.asText() : args.isMissingNode() || args.isNull()
                    ? "{}" : WireJson.compact(args));
        }
    }

    private static void message(ArrayNode input, String role, ArrayNode parts) {
        ObjectNode item = input.addObject();
        item.put("type", "message");
        item.put("role", role);
        item.set("content", parts);
    }

    /** A string content, or its text parts joined with no separator. */
    private static String text(JsonNode content) {
        if (content == null || content.isNull() || content.isMissingNode()) {
            return "";
        }
        if (content.isTextual()) {
            return content.textValue();
        }
        StringBuilder sb = new StringBuilder();
        for (JsonNode part : content) {
            if (part.isTextual()) {
                sb.append(part.textValue());
            } else if (part.has("text")) {
                sb.append(part.path("text").asText(""));
            }
        }
        return sb.toString();
    }

    private static void tools(JsonNode chat, ObjectNode out) {
        ArrayNode tools = WireJson.NODES.arrayNode();
        JsonNode webSearchOptions = chat.get("web_search_options");
        if (webSearchOptions != null && webSearchOptions.isObject()) {
            ObjectNode search = tools.addObject().put("type", "web_search");
            JsonNode location = webSearchOptions.path("user_location").path("approximate");
            if (location.isObject()) {
                search.set("user_location", ((ObjectNode) location.deepCopy()).put("type", "approximate"));
            }
        }
        for (JsonNode tool : chat.path("tools")) {
            JsonNode function = tool.path("function");
            String name = function.path("name").asText("");
            if (name.isEmpty()) {
                continue;
            }
            if (name.equals("web_search")) {
                tools.addObject().put("type", "web_search");
                continue;
            }
            ObjectNode t = tools.addObject();
            t.put("type", "function");
            t.put("name", name);
            if (function.hasNonNull("description")) {
                t.put("description", function.get("description").asText());
            }
            t.set("parameters", function.path("parameters").isObject()
                    ? function.get("parameters").deepCopy() : WireJson.object().put("type", "object"));
        }
        if (tools.isEmpty()) {
            return;
        }
        out.set("tools", tools);
        JsonNode choice = chat.get("tool_choice");
        if (choice != null && choice.isTextual()) {
            out.put("tool_choice", choice.asText().equals("any") ? "required" : choice.asText());
        } else if (choice != null && choice.isObject()) {
            String name = choice.path("function").path("name").asText(choice.path("name").asText(""));
            if (!name.isEmpty()) {
                out.putObject("tool_choice").put("type", "function").put("name", name);
            }
        }
        if (chat.path("parallel_tool_calls").isBoolean()) {
            out.set("parallel_tool_calls", chat.get("parallel_tool_calls"));
        }
    }

    private static void reasoning(JsonNode chat, ObjectNode out) {
        JsonNode reasoning = chat.path("reasoning");
        if (reasoning.isObject() && reasoning.path("enabled").isBoolean() && !reasoning.path("enabled").asBoolean()) {
            return;
        }
        String effort = reasoning.path("effort").asText(chat.path("reasoning_effort").asText(""));
        if (effort.isEmpty() && reasoning.isObject() && reasoning.path("enabled").asBoolean(false)) {
            effort = "medium";
        }
        if (effort.isEmpty() || effort.equals("none")) {
            return;
        }
        out.putObject("reasoning").put("effort", effort).put("summary", "detailed");
    }
}
