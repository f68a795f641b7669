package dev.ccr.wire.openai;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts a Claude Code request (Anthropic Messages) into the OpenAI chat completions request sent to the provider.
 *
 * <p>The mapping follows CCR 2.0.0 (docs/ccr-checklist.md section B); the points marked <b>≠ CCR</b> are deliberate
 * corrections.
 * <ul>
 *   <li><b>System.</b> A string becomes the first message {@code {role:"system", content}}; an array becomes one
 *       system message whose content is its non-empty text blocks as text parts. A system array with no text is
 *       skipped (≠ CCR, which sends an empty content array). <b>≠ CCR:</b> Claude Code's
 *       {@code x-anthropic-billing-header} block is dropped (its hash changes per prompt and release, so providers'
 *       prefix caches would miss). <b>≠ CCR:</b> a {@code role:"system"} message inside
 *       {@code messages} (Claude Code sends one after the first user turn) is forwarded in place as an OpenAI system
 *       message, in the same form; CCR drops it. Nothing is hoisted: the top-level system stays first.</li>
 *   <li><b>User.</b> Each {@code tool_result} becomes a {@code role:"tool"} message placed before the user's own
 *       parts; its content is written by {@link ToolResults} (images it holds follow in the user message, ToolSearch's
 *       {@code tool_reference}s become the tools' definitions). Text blocks become {@code {type:"text", text}}, images
 *       {@code {type:"image_url", image_url:{url}}} with a {@code data:} URL for base64 sources; <b>≠ CCR:</b>
 *       documents become text or {@code file} parts. Other blocks (search results, thinking) are dropped, as in
 *       CCR.</li>
 *   <li><b>Assistant.</b> Text blocks are joined with {@code "\n"} into a string {@code content} ({@code ""} when there
 *       is none); each {@code tool_use} becomes a {@code tool_calls} entry with the compact JSON of its input; the
 *       first signed {@code thinking} block becomes CCR's {@code thinking:{content, signature}} extension (unsigned
 *       ones too with {@link ChatRequestOptions#keepUnsignedThinking()}).</li>
 *   <li><b>Strict-server hygiene (≠ CCR).</b> {@code cache_control} and the image {@code media_type} are not sent
 *       unless {@link ChatRequestOptions} keeps them, which it does for Claude models
 *       ({@link ChatRequestOptions#forModel}).</li>
 *   <li><b>Sampling.</b> {@code model}, {@code max_tokens}, {@code temperature} copied; <b>≠ CCR:</b> {@code top_p}
 *       copied and {@code stop_sequences} sent as {@code stop}. {@code stream} is copied, absent means {@code false};
 *       <b>≠ CCR:</b> streaming calls ask for {@code stream_options:{include_usage:true}} unless the options say
 *       otherwise.</li>
 *   <li><b>Tools</b> ({@link AnthropicTools}). {@code {name, description, input_schema}} becomes
 *       {@code {type:"function", function:{name, description (or ""), parameters}}}; deferred tools go last;
 *       <b>≠ CCR:</b> Anthropic's server tools are never sent as parameterless functions (web search becomes
 *       {@code web_search_options}, the others are dropped). {@code tool_choice} {@code {type:"tool", name}} becomes
 *       {@code {type:"function", function:{name}}}, {@code auto}/{@code none} their string; <b>≠ CCR:</b>
 *       {@code any} becomes {@code "required"}, {@code disable_parallel_tool_use:true} becomes
 *       {@code parallel_tool_calls:false}, and {@code tool_choice} is not sent when there are no tools (OpenAI
 *       rejects it).</li>
 *   <li><b>Thinking (≠ CCR: CCR sends {@code reasoning} for any {@code thinking} field, even disabled).</b>
 *       Reasoning fields are sent only when the client turned thinking on:
 *       {@code enabled} → {@code reasoning:{effort, enabled:true}} with the effort from {@code budget_tokens} (≤0
 *       none, ≤1024 low, ≤8192 medium, else or absent high); {@code adaptive} → {@code reasoning:{effort,
 *       enabled:true}} with the effort from {@code output_config.effort} (low, medium, high; max → high; absent →
 *       high) and, when the client stated that effort, also OpenAI's standard {@code reasoning_effort};
 *       {@code disabled} or absent → nothing.</li>
 *   <li><b>Structured output (≠ CCR).</b> {@code output_config.format} (or the older top-level
 *       {@code output_format}) {@code {type:"json_schema", schema}} becomes
 *       {@code response_format:{type:"json_schema", json_schema:{name:"response", schema}}}, with {@code strict}
 *       only when the client gave one.</li>
 *   <li><b>Not forwarded:</b> {@code top_k}, {@code metadata}, {@code context_management}, {@code safeguards},
 *       {@code output_config.effort} (except as above), {@code service_tier}, {@code container},
 *       {@code mcp_servers} and any other field.</li>
 * </ul>
 *
 * <p>The result shares no nodes with the input, so transformers may edit it freely while a fallback attempt reuses
 * the original request.
 */
public final class AnthropicToChatRequest {

    /**
     * Claude Code's first system block: {@code x-anthropic-billing-header: cc_version=2.1.332.<hash>;
     * cc_entrypoint=cli;}. Its hash changes with the prompt and the release, so a provider caching prompt prefixes
     * would miss every time; it means something only to Anthropic.
     */
    static final String BILLING_HEADER = "x-anthropic-billing-header:";

    private AnthropicToChatRequest() {}

    /** Returns the OpenAI request for {@code anthropicRequest}; the input is not modified. */
    public static ObjectNode convert(ObjectNode anthropicRequest, ChatRequestOptions options) {
        requireNonNull(anthropicRequest, "anthropicRequest");
        requireNonNull(options, "options");
        options = options.forModel(anthropicRequest.path("model").asText(""));
        ObjectNode out = Json.object();
        copy(anthropicRequest, "model", out, "model");

        ArrayNode messages = out.putArray("messages");
        addSystem(anthropicRequest.get("system"), messages, options);
        for (JsonNode message : anthropicRequest.path("messages")) {
            addMessage(message, messages, options, anthropicRequest.path("tools"));
        }

        copy(anthropicRequest, "max_tokens", out, "max_tokens");
        copy(anthropicRequest, "temperature", out, "temperature");
        copy(anthropicRequest, "top_p", out, "top_p");
        JsonNode stop = anthropicRequest.get("stop_sequences");
        if (stop != null && stop.isArray() && !stop.isEmpty()) {
            out.set("stop", stop.deepCopy());
        }
        boolean stream = anthropicRequest.path("stream").asBoolean(false);
        out.put("stream", stream);
        if (stream && options.includeStreamUsage()) {
            out.putObject("stream_options").put("include_usage", true);
        }

        AnthropicTools.addTo(anthropicRequest, out);
        ReasoningFields.apply(anthropicRequest.path("thinking"), anthropicRequest.path("output_config"), out);
        addResponseFormat(anthropicRequest, out);
        return out;
    }

    /* --------------- System --------------- */

    private static void addSystem(JsonNode system, ArrayNode messages, ChatRequestOptions options) {
        JsonNode content = systemContent(system, options);
        if (content != null) {
            ObjectNode m = messages.addObject();
            m.put("role", "system");
            m.set("content", content);
        }
    }

    /** A system prompt's OpenAI content: the string, or its non-empty text blocks as parts; null when empty. */
    private static JsonNode systemContent(JsonNode system, ChatRequestOptions options) {
        if (system == null) {
            return null;
        }
        if (system.isTextual()) {
            return system.textValue().isEmpty() ? null : system;
        }
        if (!system.isArray()) {
            return null;
        }
        ArrayNode parts = Json.NODES.arrayNode();
        for (JsonNode block : system) {
            if (AnthropicBlock.of(block) instanceof AnthropicBlock.Text t && !t.text().isEmpty()
                    && !t.text().startsWith(BILLING_HEADER)) {
                parts.add(textPart(t, options));
            }
        }
        return parts.isEmpty() ? null : parts;
    }

    /* --------------- Messages --------------- */

    private static void addMessage(JsonNode message, ArrayNode messages, ChatRequestOptions options, JsonNode tools) {
        String role = message.path("role").asText("");
        JsonNode content = message.get("content");
        switch (role) {
            case "system" -> addSystem(content, messages, options);
            case "user", "assistant" -> {
                if (content != null && content.isTextual()) {
                    ObjectNode m = messages.addObject();
                    m.put("role", role);
                    m.set("content", content);
                } else if (content != null && content.isArray()) {
                    if (role.equals("user")) {
                        addUser(blocks(content), messages, options, tools);
                    } else {
                        addAssistant(blocks(content), messages, options);
                    }
                }
            }
            default -> { } // CCR drops unknown roles too
        }
    }

    private static void addUser(List<AnthropicBlock> blocks, ArrayNode messages, ChatRequestOptions options,
                                JsonNode tools) {
        // OpenAI wants tool messages right after the assistant's tool_calls, so they go before the user's own parts;
        // a tool message holds text only, so images a tool returned follow in the user message.
        List<ObjectNode> parts = new ArrayList<>();
        for (AnthropicBlock block : blocks) {
            if (block instanceof AnthropicBlock.ToolResult r && r.toolUseId() != null) {
                ObjectNode m = messages.addObject();
                m.put("role", "tool");
                m.put("content", ToolResults.text(r, tools, options, parts));
                m.put("tool_call_id", r.toolUseId());
                if (options.keepCacheControl() && r.cacheControl() != null) {
                    m.set("cache_control", r.cacheControl().deepCopy());
                }
            }
        }
        for (AnthropicBlock block : blocks) {
            ObjectNode part = switch (block) {
                case AnthropicBlock.Text t -> t.text().isEmpty() ? null : textPart(t, options);
                case AnthropicBlock.Image i -> imagePart(i, options);
                case AnthropicBlock.Document d -> documentPart(d);
                case AnthropicBlock.ToolResult r -> null;
                case AnthropicBlock.ToolUse u -> null;
                case AnthropicBlock.Thinking t -> null;
                case AnthropicBlock.ToolReference t -> null; // only meaningful inside a tool result
                case AnthropicBlock.Unknown u -> null;
            };
            if (part != null) {
                parts.add(part);
            }
        }
        if (!parts.isEmpty()) {
            ObjectNode m = messages.addObject();
            m.put("role", "user");
            m.putArray("content").addAll(parts);
        }
    }

    private static void addAssistant(List<AnthropicBlock> blocks, ArrayNode messages, ChatRequestOptions options) {
        String text = ""; // one text block, as most turns have, is used as it is rather than copied
        ArrayNode toolCalls = null;
        AnthropicBlock.Thinking thinking = null;
        for (AnthropicBlock block : blocks) {
            switch (block) {
                case AnthropicBlock.Text t -> {
                    if (!t.text().isEmpty()) {
                        text = text.isEmpty() ? t.text() : text + "\n" + t.text();
                    }
                }
                case AnthropicBlock.ToolUse u -> {
                    if (u.id() != null) {
                        if (toolCalls == null) {
                            toolCalls = Json.NODES.arrayNode();
                        }
                        ObjectNode call = toolCalls.addObject();
                        call.put("id", u.id());
                        call.put("type", "function");
                        ObjectNode fn = call.putObject("function");
                        fn.put("name", u.name() == null ? "" : u.name());
                        fn.put("arguments", u.input() == null ? "{}" : Json.compact(u.input()));
                    }
                }
                case AnthropicBlock.Thinking t -> {
                    boolean signed = t.signature() != null && !t.signature().isEmpty();
                    if (thinking == null && (signed || (options.keepUnsignedThinking() && !t.thinking().isEmpty()))) {
                        thinking = t;
                    }
                }
                case AnthropicBlock.Image i -> { }
                case AnthropicBlock.Document d -> { }
                case AnthropicBlock.ToolReference t -> { }
                case AnthropicBlock.ToolResult r -> { }
                case AnthropicBlock.Unknown u -> { } // redacted_thinking and server tool blocks: CCR drops them too
            }
        }
        ObjectNode m = messages.addObject();
        m.put("role", "assistant");
        m.put("content", text);
        if (toolCalls != null) {
            m.set("tool_calls", toolCalls);
        }
        if (thinking != null) {
            ObjectNode t = m.putObject("thinking");
            t.put("content", thinking.thinking());
            if (thinking.signature() != null && !thinking.signature().isEmpty()) {
                t.put("signature", thinking.signature());
            }
        }
    }

    private static List<AnthropicBlock> blocks(JsonNode content) {
        List<AnthropicBlock> blocks = new ArrayList<>(content.size());
        for (JsonNode block : content) {
            blocks.add(AnthropicBlock.of(block));
        }
        return blocks;
    }

    static ObjectNode textPart(AnthropicBlock.Text t, ChatRequestOptions options) {
        ObjectNode part = Json.object();
        part.put("type", "text");
        part.put("text", t.text());
        if (options.keepCacheControl() && t.cacheControl() != null) {
            part.set("cache_control", t.cacheControl().deepCopy());
        }
        return part;
    }

    /** An {@code image_url} part, or null for a source that is neither base64 nor a URL (e.g. a file id). */
    static ObjectNode imagePart(AnthropicBlock.Image image, ChatRequestOptions options) {
        JsonNode source = image.source();
        String mediaType = Json.nonEmptyText(source.get("media_type"));
        String url;
        switch (source.path("type").asText("")) {
            case "base64" -> {
                String data = source.path("data").asText("");
                int comma = data.indexOf("base64,");
                // Some clients send a whole data URL as the data; CCR strips that prefix too.
                url = "data:" + mediaType + ";base64," + (comma < 0 ? data : data.substring(comma + 7));
            }
            case "url" -> url = Json.nonEmptyText(source.get("url"));
            default -> url = null;
        }
        if (url == null) {
            return null;
        }
        ObjectNode part = Json.object();
        part.put("type", "image_url");
        part.putObject("image_url").put("url", url);
        if (options.keepImageMediaType() && mediaType != null) {
            part.put("media_type", mediaType);
        }
        return part;
    }

    /**
     * A document as OpenAI content: a text source (or a content source's text blocks) → a text part headed by its
     * title; a base64 PDF → a {@code file} part with a {@code data:} URL; a URL or file id → null (dropped: an OpenAI
     * chat server fetches neither).
     */
    static ObjectNode documentPart(AnthropicBlock.Document document) {
        JsonNode source = document.source();
        String title = document.title() == null ? "" : document.title() + "\n\n";
        switch (source.path("type").asText("")) {
            case "text" -> {
                return textPart(new AnthropicBlock.Text(title + source.path("data").asText(""), null),
                        ChatRequestOptions.defaults());
            }
            case "content" -> {
                JsonNode content = source.path("content");
                StringBuilder text = new StringBuilder(title);
                if (content.isTextual()) {
                    text.append(content.textValue());
                }
                for (JsonNode block : content) {
                    if (AnthropicBlock.of(block) instanceof AnthropicBlock.Text t) {
                        text.append(text.length() > title.length() ? "\n" : "").append(t.text());
                    }
                }
                return textPart(new AnthropicBlock.Text(text.toString(), null), ChatRequestOptions.defaults());
            }
            case "base64" -> {
                String mediaType = source.path("media_type").asText("application/pdf");
                ObjectNode part = Json.object();
                part.put("type", "file");
                ObjectNode file = part.putObject("file");
                file.put("filename", document.title() != null ? document.title() : "document.pdf");
                file.put("file_data", "data:" + mediaType + ";base64," + source.path("data").asText(""));
                return part;
            }
            default -> {
                return null;
            }
        }
    }

    /* --------------- Output format --------------- */

    private static void addResponseFormat(ObjectNode request, ObjectNode out) {
        JsonNode format = request.path("output_config").path("format");
        if (format.isMissingNode() || format.isNull()) {
            format = request.path("output_format");
        }
        if (!format.path("type").asText("").equals("json_schema") || !format.path("schema").isObject()) {
            return;
        }
        ObjectNode responseFormat = out.putObject("response_format");
        responseFormat.put("type", "json_schema");
        ObjectNode jsonSchema = responseFormat.putObject("json_schema");
        // OpenAI requires a name; Anthropic has none, so every schema gets the same one.
        jsonSchema.put("name", "response");
        jsonSchema.set("schema", format.get("schema").deepCopy());
        if (format.path("strict").isBoolean()) {
            jsonSchema.put("strict", format.get("strict").booleanValue());
        }
    }

    private static void copy(JsonNode from, String field, ObjectNode to, String as) {
        JsonNode v = Json.present(from, field);
        if (v != null) {
            to.set(as, v.deepCopy());
        }
    }
}
