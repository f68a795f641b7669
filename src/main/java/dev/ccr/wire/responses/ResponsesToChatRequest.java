package dev.ccr.wire.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.wire.BadRequestException;
import dev.ccr.wire.ThinkingToken;
import dev.ccr.wire.WireJson;

import static java.util.Objects.requireNonNull;

/**
 * Converts a Responses API request from a client (Codex, an OpenAI SDK's {@code responses.create}) into an OpenAI chat
 * request, the form {@code dev.ccr.wire.openai.ChatToAnthropicRequest} then turns into Anthropic's: the reverse of
 * {@link ChatToResponsesRequest}.
 *
 * <ul>
 *   <li>{@code instructions} → a leading system message; {@code input} as a string → one user message.</li>
 *   <li>{@code input} items: {@code message} (or any item with a {@code role}) → a chat message with its parts
 *       ({@code input_text}/{@code output_text} → text, {@code input_image} → {@code image_url}, {@code input_file}
 *       with {@code file_data} → {@code file}); consecutive {@code function_call}s → one assistant message's
 *       {@code tool_calls} (joined to a preceding assistant message); {@code function_call_output} → a {@code tool}
 *       message. {@code reasoning} items are dropped (OpenAI's encrypted content means nothing to other providers),
 *       except ccr's own ({@code dev.ccr.wire.ThinkingToken}), whose signed thinking goes back on the assistant
 *       message that follows as CCR's {@code thinking {content, signature}}.</li>
 *   <li>Function tools → chat function tools; custom (freeform) tools, such as Codex's {@code apply_patch}, → function
 *       tools with one string parameter {@code input} and their grammar in the description, and their
 *       {@code custom_tool_call} items → calls with {@code {"input": …}}; built-in tools (web search, file search,
 *       computer use, local shell) have no chat form and are dropped. {@code tool_choice}, {@code parallel_tool_calls}, {@code temperature}, {@code top_p},
 *       {@code stream} copied; {@code max_output_tokens} → {@code max_tokens}; {@code reasoning.effort} →
 *       {@code reasoning_effort}; {@code text.format} {@code json_schema} → {@code response_format}.</li>
 *   <li>Refused with a 400: {@code previous_response_id} and {@code item_reference} items (ccr stores no responses,
 *       so the client must send the whole conversation, as Codex does with {@code store:false}).</li>
 *   <li>Ignored: {@code store}, {@code include}, {@code metadata}, {@code truncation}, {@code prompt_cache_key},
 *       {@code service_tier}, {@code user}.</li>
 * </ul>
 */
public final class ResponsesToChatRequest {
    /**
     * The one parameter a custom (freeform) tool becomes as a function: Codex's function form of {@code apply_patch}
     * takes its patch under this name too, so a call made through it is one Codex can run.
     */
    static final String CUSTOM_INPUT = "input";

    private ResponsesToChatRequest() {}

    /** Returns the chat request for {@code request}; the input is not modified. */
    public static ObjectNode convert(ObjectNode request) {
        requireNonNull(request, "request");
        if (!request.path("previous_response_id").asText("").isEmpty()) {
            throw new BadRequestException("'previous_response_id' is not supported: ccr stores no responses; "
                    + "send the whole conversation in 'input' (store: false)");
        }
        ObjectNode chat = WireJson.object().put("model", request.path("model").asText(""));
        ArrayNode messages = chat.putArray("messages");
        String instructions = request.path("instructions").asText("");
        if (!instructions.isEmpty()) {
            messages.addObject().put("role", "system").put("content", instructions);
        }
        JsonNode input = request.path("input");
        if (input.isTextual()) {
            messages.addObject().put("role", "user").put("content", input.asText());
        } else if (input.isArray()) {
            PendingThinking pending = new PendingThinking();
            for (int i = 0; i < input.size(); i++) {
                item(input.get(i), "input[" + i + "]", messages, pending);
            }
        } else {
            throw new BadRequestException("'input' must be a string or an array of items");
        }
        options(request, chat);
        tools(request, chat);
        return chat;
    }

    /* --------------- Input items --------------- */

    /** A signed thinking block from a reasoning item, waiting for the assistant message it opens. */
    private static final class PendingThinking {
        ObjectNode thinking;

        void attachTo(ObjectNode assistant) {
            if (thinking != null && !assistant.has("thinking")) {
                assistant.set("thinking", thinking);
            }
            thinking = null;
        }
    }

    private static void item(JsonNode item, String path, ArrayNode messages, PendingThinking pending) {
        String type = item.path("type").asText(item.has("role") ? "message" : "");
        switch (type) {
            case "message" -> {
                String role = item.path("role").asText("user");
                ObjectNode message = WireJson.object().put("role", role);
                if (role.equals("assistant")) {
                    pending.attachTo(message);
                }
                JsonNode content = item.path("content");
                if (content.isTextual()) {
                    message.put("content", content.asText());
                } else {
                    message.set("content", parts(content, path, role.equals("assistant")));
                }
                messages.add(message);
            }
            case "function_call", "custom_tool_call" -> {
                ObjectNode call = WireJson.object()
                        .put("id", item.path("call_id").asText(item.path("id").asText(WireJson.toolCallId())))
                        .put("type", "function");
                String arguments = type.equals("function_call") ? item.path("arguments").asText("{}")
                        : WireJson.compact(WireJson.object().put(CUSTOM_INPUT, item.path("input").asText("")));
                call.putObject("function").put("name", item.path("name").asText("")).put("arguments", arguments);
                ObjectNode assistant = lastAssistant(messages);
                pending.attachTo(assistant);
                (assistant.get("tool_calls") instanceof ArrayNode calls ? calls : assistant.putArray("tool_calls")).add(call);
            }
            case "function_call_output", "custom_tool_call_output" -> {
                JsonNode output = item.path("output");
                ObjectNode tool = WireJson.object().put("role", "tool").put("tool_call_id", item.path("call_id").asText(""));
                if (output.isArray()) {
                    tool.set("content", parts(output, path + ".output", false));
                } else {
                    tool.put("content", output.isTextual() ? output.asText() : WireJson.compact(output));
                }
                messages.add(tool);
            }
            // Our own signed thinking comes back whole; OpenAI's encrypted reasoning means nothing to other providers.
            case "reasoning" -> ThinkingToken.decode(item.path("encrypted_content").asText(""))
                    .ifPresent(thinking -> pending.thinking = thinking);
            case "item_reference" -> throw new BadRequestException(path + ": item_reference is not supported: ccr "
                    + "stores no items; send the item itself");
            default -> throw new BadRequestException(path + ": input item type '" + type + "' is not supported; "
                    + "send message, function_call or function_call_output items");
        }
    }

    /** The assistant message the next tool call joins: the last message when it is the assistant's, else a new one. */
    private static ObjectNode lastAssistant(ArrayNode messages) {
        if (!messages.isEmpty() && messages.get(messages.size() - 1) instanceof ObjectNode last
                && last.path("role").asText().equals("assistant")) {
            return last;
        }
        ObjectNode assistant = messages.addObject().put("role", "assistant");
        assistant.putNull("content");
        return assistant;
    }

    private static ArrayNode parts(JsonNode content, String path, boolean assistant) {
        ArrayNode parts = WireJson.NODES.arrayNode();
        int i = 0;
        for (JsonNode part : content) {
            String where = path + ".content[" + i++ + "]";
            switch (part.path("type").asText("")) {
                case "input_text", "output_text", "text" -> parts.addObject().put("type", "text")
                        .put("text", part.path("text").asText(""));
                case "refusal" -> parts.addObject().put("type", "text").put("text", part.path("refusal").asText(""));
                case "input_image" -> {
                    if (assistant) {
                        continue;
                    }
                    String url = part.path("image_url").asText("");
                    if (url.isEmpty()) {
                        throw new BadRequestException(where + ": input_image needs image_url (file_id is not supported)");
                    }
                    parts.addObject().put("type", "image_url").putObject("image_url").put("url", url);
                }
                case "input_file" -> parts.addObject().put("type", "file").putObject("file")
                        .put("file_data", part.path("file_data").asText(""))
                        .put("filename", part.path("filename").asText(""));
                default -> throw new BadRequestException(where + ": content type '" + part.path("type").asText()
                        + "' is not supported; send input_text, input_image or input_file");
            }
        }
        return parts;
    }

    /* --------------- Options and tools --------------- */

    private static void options(JsonNode request, ObjectNode chat) {
        for (String field : new String[] {"temperature", "top_p"}) {
            if (request.path(field).isNumber()) {
                chat.set(field, request.get(field));
            }
        }
        if (request.path("max_output_tokens").isNumber()) {
            chat.put("max_tokens", request.get("max_output_tokens").asLong());
        }
        chat.put("stream", request.path("stream").asBoolean(false));
        String effort = request.path("reasoning").path("effort").asText("");
        if (!effort.isEmpty()) {
            chat.put("reasoning_effort", effort);
        }
        JsonNode format = request.path("text").path("format");
        if (format.path("type").asText("").equals("json_schema")) {
            ObjectNode schema = chat.putObject("response_format").put("type", "json_schema")
                    .putObject("json_schema").put("name", format.path("name").asText("response"));
            schema.set("schema", format.path("schema").deepCopy());
        }
        if (request.path("parallel_tool_calls").isBoolean()) {
            chat.set("parallel_tool_calls", request.get("parallel_tool_calls"));
        }
    }

    private static void tools(JsonNode request, ObjectNode chat) {
        ArrayNode tools = WireJson.NODES.arrayNode();
        for (JsonNode tool : request.path("tools")) {
            String type = tool.path("type").asText("");
            if (!type.equals("function") && !type.equals("custom")) {
                continue; // built-in tools run at OpenAI; no other provider has them
            }
            ObjectNode function = tools.addObject().put("type", "function").putObject("function")
                    .put("name", tool.path("name").asText(""));
            String description = tool.path("description").asText("");
            if (type.equals("custom")) {
                String grammar = tool.path("format").path("definition").asText("");
                function.put("description", description + (grammar.isEmpty() ? ""
                        : "\n\nThe input follows this " + tool.path("format").path("syntax").asText("") + " grammar:\n" + grammar));
                ObjectNode parameters = function.putObject("parameters").put("type", "object");
                parameters.putObject("properties").putObject(CUSTOM_INPUT).put("type", "string");
                parameters.putArray("required").add(CUSTOM_INPUT);
                continue;
            }
            if (!description.isEmpty()) {
                function.put("description", description);
            }
            function.set("parameters", tool.path("parameters").isObject()
                    ? tool.get("parameters").deepCopy() : WireJson.object().put("type", "object"));
        }
        if (tools.isEmpty()) {
            return;
        }
        chat.set("tools", tools);
        JsonNode choice = request.path("tool_choice");
        if (choice.isTextual()) {
            chat.put("tool_choice", choice.asText());
        } else if (choice.path("type").asText("").equals("function")) {
            chat.putObject("tool_choice").put("type", "function").putObject("function")
                    .put("name", choice.path("name").asText(""));
        }
    }
}
