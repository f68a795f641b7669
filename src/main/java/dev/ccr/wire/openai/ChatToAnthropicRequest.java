package dev.ccr.wire.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.wire.BadRequestException;
import dev.ccr.wire.WireJson;

import static java.util.Objects.requireNonNull;

/**
 * Converts an OpenAI chat completions request from a client (an OpenAI SDK, OpenCode, and, through the Responses and
 * Gemini conversions, Codex and Gemini CLI) into the Anthropic Messages request the pipeline routes: the reverse of
 * {@link AnthropicToChatRequest}, so a request that goes on to an OpenAI provider comes out much as it came in.
 *
 * <ul>
 *   <li><b>System.</b> {@code system} and {@code developer} messages, wherever they stand, become the top-level
 *       {@code system} text blocks in order (Anthropic has no system turn).</li>
 *   <li><b>User.</b> A string stays a string; parts: {@code text} → text blocks, {@code image_url} → image blocks
 *       (base64 for {@code data:} URLs, else a URL source), {@code file} with {@code file_data} → a document block.
 *       Other parts (audio, file ids) are refused with a 400: nothing downstream could read them.</li>
 *   <li><b>Assistant.</b> Content → text blocks; CCR's {@code thinking {content, signature}} → a thinking block first
 *       when it is signed (Anthropic refuses unsigned ones); each tool call → a {@code tool_use} block with its
 *       arguments parsed (arguments that are not a JSON object are kept as {@code {"arguments": text}}).</li>
 *   <li><b>Tool.</b> Each {@code tool} message → a {@code tool_result} block in a user turn; consecutive turns of the
 *       same role are merged, as Anthropic wants them alternating.</li>
 *   <li><b>Options.</b> {@code max_completion_tokens} or {@code max_tokens} → {@code max_tokens}, else
 *       {@link #DEFAULT_MAX_TOKENS}; {@code temperature}, {@code top_p}, {@code stream} copied; {@code stop} →
 *       {@code stop_sequences}; {@code reasoning_effort} low/medium/high → {@code thinking} with a budget of
 *       1024/8192/16384 tokens (the budgets {@link ReasoningFields} maps back to the same effort), {@code max_tokens}
 *       raised above the budget when needed, and no thinking at all when the last assistant turn called tools
 *       without a signed thinking block (Anthropic refuses that with thinking on); {@code response_format} {@code json_schema} →
 *       {@code output_config.format}.</li>
 *   <li><b>Tools.</b> Function tools → {@code {name, description, input_schema}}; {@code tool_choice} {@code none},
 *       {@code auto}, {@code required} → {@code none}, {@code auto}, {@code any}, a named function → {@code tool};
 *       {@code parallel_tool_calls:false} → {@code disable_parallel_tool_use}.</li>
 *   <li><b>Not converted:</b> {@code n} above 1 (refused), {@code logprobs}, {@code seed}, penalties, {@code user}
 *       (as {@code metadata.user_id} it would make the request pass for Claude Code's), audio output.</li>
 * </ul>
 */
public final class ChatToAnthropicRequest {
    /** Anthropic requires {@code max_tokens}; OpenAI's absent value means "the model's limit", unknown here. */
    public static final int DEFAULT_MAX_TOKENS = 8192;

    private ChatToAnthropicRequest() {}

    /**
     * Returns the Anthropic request for {@code chat}; the input is not modified.
     *
     * @throws BadRequestException when the request has no model or messages, or a part nothing downstream can read
     */
    public static ObjectNode convert(ObjectNode chat) {
        requireNonNull(chat, "chat");
        String model = chat.path("model").asText("");
        if (model.isEmpty()) {
            throw new BadRequestException("'model' is required: a model name or 'provider,model'");
        }
        if (!(chat.get("messages") instanceof ArrayNode messages) || messages.isEmpty()) {
            throw new BadRequestException("'messages' must be a non-empty array");
        }
        if (chat.path("n").asInt(1) > 1) {
            throw new BadRequestException("'n' above 1 is not supported: ccr answers with one choice");
        }
        ObjectNode out = WireJson.object().put("model", model);
        ArrayNode system = WireJson.NODES.arrayNode();
        ArrayNode turns = WireJson.NODES.arrayNode();
        for (int i = 0; i < messages.size(); i++) {
            message(messages.get(i), "messages[" + i + "]", system, turns);
        }
        if (!system.isEmpty()) {
            out.set("system", system);
        }
        out.set("messages", turns);
        options(chat, out);
        tools(chat, out);
        return out;
    }

    /* --------------- Messages --------------- */

    private static void message(JsonNode message, String path, ArrayNode system, ArrayNode turns) {
        String role = message.path("role").asText("");
        switch (role) {
            case "system", "developer" -> {
                JsonNode content = message.path("content");
                if (content.isTextual()) {
                    if (!content.asText().isEmpty()) {
                        system.add(text(content.asText()));
                    }
                } else {
                    for (JsonNode part : content) {
                        if (!part.path("text").asText("").isEmpty()) {
                            system.add(text(part.path("text").asText()));
                        }
                    }
                }
            }
            case "user" -> append(turns, "user", userContent(message.path("content"), path));
            case "assistant" -> append(turns, "assistant", assistantContent(message, path));
            case "tool" -> {
                ObjectNode result = WireJson.object().put("type", "tool_result")
                        .put("tool_use_id", message.path("tool_call_id").asText(""));
                JsonNode content = message.path("content");
                if (content.isArray()) {
                    result.set("content", userContent(content, path));
                } else {
                    result.put("content", content.isTextual() ? content.asText() : WireJson.compact(content));
                }
                append(turns, "user", WireJson.NODES.arrayNode().add(result));
            }
            default -> throw new BadRequestException(path + ".role '" + role
                    + "' is not one of system, developer, user, assistant, tool");
        }
    }

    /** Adds a turn, merged into the previous one when it has the same role. */
    private static void append(ArrayNode turns, String role, ArrayNode content) {
        if (content.isEmpty()) {
            return;
        }
        if (!turns.isEmpty() && turns.get(turns.size() - 1).path("role").asText().equals(role)) {
            ((ArrayNode) turns.get(turns.size() - 1).get("content")).addAll(content);
            return;
        }
        ObjectNode turn = WireJson.object().put("role", role);
        turn.set("content", content);
        turns.add(turn);
    }

    private static ArrayNode userContent(JsonNode content, String path) {
        ArrayNode blocks = WireJson.NODES.arrayNode();
        if (content.isTextual()) {
            if (!content.asText().isEmpty()) {
                blocks.add(text(content.asText()));
            }
            return blocks;
        }
        int i = 0;
        for (JsonNode part : content) {
            String where = path + ".content[" + i++ + "]";
            switch (part.path("type").asText("")) {
                case "text", "input_text", "output_text" -> {
                    if (!part.path("text").asText("").isEmpty()) {
                        blocks.add(text(part.path("text").asText()));
                    }
                }
                case "image_url" -> blocks.add(MediaBlocks.image(part.path("image_url").isTextual()
                        ? part.path("image_url").asText() : part.path("image_url").path("url").asText(""), where));
                case "file" -> blocks.add(MediaBlocks.document(part.path("file").path("file_data").asText(""),
                        part.path("file").path("filename").asText(""), where));
                default -> throw new BadRequestException(where + ": content part type '" + part.path("type").asText()
                        + "' is not supported; send text, image_url or file (with file_data)");
            }
        }
        return blocks;
    }

    private static ArrayNode assistantContent(JsonNode message, String path) {
        ArrayNode blocks = WireJson.NODES.arrayNode();
        JsonNode thinking = message.path("thinking");
        if (!thinking.path("signature").asText("").isEmpty()) {
            blocks.add(WireJson.object().put("type", "thinking").put("thinking", thinking.path("content").asText(""))
                    .put("signature", thinking.path("signature").asText()));
        }
        JsonNode content = message.path("content");
        if (content.isTextual()) {
            if (!content.asText().isEmpty()) {
                blocks.add(text(content.asText()));
            }
        } else {
            for (JsonNode part : content) {
                String t = part.path("text").asText(part.path("refusal").asText(""));
                if (!t.isEmpty()) {
                    blocks.add(text(t));
                }
            }
        }
        int i = 0;
        for (JsonNode call : message.path("tool_calls")) {
            String where = path + ".tool_calls[" + i++ + "]";
            String name = call.path("function").path("name").asText("");
            if (name.isEmpty()) {
                throw new BadRequestException(where + ".function.name is required");
            }
            blocks.add(WireJson.object().put("type", "tool_use")
                    .put("id", call.path("id").asText(WireJson.toolCallId()))
                    .put("name", name)
                    .set("input", arguments(call.path("function").path("arguments"))));
        }
        return blocks;
    }

    /** A tool call's arguments as the object Anthropic's {@code input} must be. */
    static ObjectNode arguments(JsonNode arguments) {
        if (arguments.isObject()) {
            return (ObjectNode) arguments.deepCopy();
        }
        String text = arguments.asText("");
        if (text.isBlank()) {
            return WireJson.object();
        }
        ObjectNode parsed = WireJson.parseObjectOrNull(text);
        return parsed != null ? parsed : WireJson.object().put("arguments", text);
    }

    private static ObjectNode text(String text) {
        return WireJson.object().put("type", "text").put("text", text);
    }

    /* --------------- Options --------------- */

    private static void options(JsonNode chat, ObjectNode out) {
        long maxTokens = chat.path("max_completion_tokens").asLong(chat.path("max_tokens").asLong(DEFAULT_MAX_TOKENS));
        copyNumber(chat, "temperature", out, "temperature");
        copyNumber(chat, "top_p", out, "top_p");
        out.put("stream", chat.path("stream").asBoolean(false));
        JsonNode stop = chat.path("stop");
        if (stop.isTextual()) {
            out.putArray("stop_sequences").add(stop.asText());
        } else if (stop.isArray() && !stop.isEmpty()) {
            out.set("stop_sequences", stop.deepCopy());
        }
        int budget = switch (chat.path("reasoning_effort").asText("")) {
            case "low" -> 1024;
            case "medium" -> 8192;
            case "high", "xhigh" -> 16384;
            default -> 0; // none, minimal or absent: thinking stays off
        };
        if (budget > 0 && !unsignedToolTurn(out.path("messages"))) {
            out.putObject("thinking").put("type", "enabled").put("budget_tokens", budget);
            // Anthropic refuses a budget that is not below max_tokens.
            maxTokens = Math.max(maxTokens, budget + 1024L);
        }
        out.put("max_tokens", maxTokens);
        JsonNode format = chat.path("response_format");
        if (format.path("type").asText("").equals("json_schema") && format.path("json_schema").has("schema")) {
            ObjectNode f = out.putObject("output_config").putObject("format").put("type", "json_schema");
            f.set("schema", format.path("json_schema").get("schema").deepCopy());
        }
    }

    /**
     * Whether the last assistant turn calls tools without a signed thinking block first: with thinking on, Anthropic
     * refuses such a turn ("a final assistant message must start with a thinking block"), so thinking stays off.
     */
    private static boolean unsignedToolTurn(JsonNode turns) {
        for (int i = turns.size() - 1; i >= 0; i--) {
            JsonNode turn = turns.get(i);
            if (turn.path("role").asText().equals("assistant")) {
                JsonNode content = turn.path("content");
                boolean callsTools = false;
                for (JsonNode block : content) {
                    callsTools |= block.path("type").asText().equals("tool_use");
                }
                return callsTools && !content.path(0).path("type").asText().equals("thinking");
            }
        }
        return false;
    }

    private static void copyNumber(JsonNode from, String field, ObjectNode out, String as) {
        if (from.path(field).isNumber()) {
            out.set(as, from.get(field));
        }
    }

    /* --------------- Tools --------------- */

    private static void tools(JsonNode chat, ObjectNode out) {
        ArrayNode tools = WireJson.NODES.arrayNode();
        for (JsonNode tool : chat.path("tools")) {
            JsonNode function = tool.path("function");
            if (!tool.path("type").asText("function").equals("function") || function.path("name").asText("").isEmpty()) {
                continue; // custom tools have no Anthropic form
            }
            ObjectNode t = WireJson.object().put("name", function.path("name").asText());
            if (!function.path("description").asText("").isEmpty()) {
                t.put("description", function.path("description").asText());
            }
            t.set("input_schema", function.path("parameters").isObject()
                    ? function.get("parameters").deepCopy() : WireJson.object().put("type", "object"));
            tools.add(t);
        }
        if (tools.isEmpty()) {
            return;
        }
        out.set("tools", tools);
        JsonNode choice = chat.path("tool_choice");
        ObjectNode c = switch (choice.isTextual() ? choice.asText() : choice.path("type").asText("")) {
            case "none" -> WireJson.object().put("type", "none");
            case "required" -> WireJson.object().put("type", "any");
            case "function" -> WireJson.object().put("type", "tool")
                    .put("name", choice.path("function").path("name").asText(choice.path("name").asText("")));
            default -> null;
        };
        if (chat.path("parallel_tool_calls").isBoolean() && !chat.get("parallel_tool_calls").asBoolean()) {
            c = c == null ? WireJson.object().put("type", "auto") : c;
            c.put("disable_parallel_tool_use", true);
        }
        if (c != null) {
            out.set("tool_choice", c);
        }
    }
}
