package dev.ccr.wire.openai;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.wire.EventSink;
import dev.ccr.wire.StreamConverter;
import dev.ccr.wire.sse.SseEvent;
import java.util.function.Supplier;

/**
 * Converts a provider's streamed chat completion, chunk by chunk, into the Anthropic event stream Claude Code reads.
 *
 * <p><b>Design.</b> The converter is a small state machine over content blocks: at most one block is open; a delta
 * of another kind (thinking, text, a different tool call) closes it and opens the next block at the next index, so
 * indices rise from 0 and every start has its stop. Every client event is emitted while the chunk that
 * caused it is being converted, with one exception: a tool call that starts while the streamed one's arguments are
 * still incomplete JSON (providers that interleave parallel calls' fragments) is held, whole, until the streamed one
 * closes, because an Anthropic block cannot take deltas after its stop. Calls that follow each other, as OpenAI
 * streams them, are streamed live. Otherwise nothing is buffered. The closing events and the final usage wait for {@link #atEnd}, because
 * the usage often arrives after the finish chunk.
 *
 * <p><b>Mapping</b> (docs/ccr-checklist.md items 4-13; <b>≠ CCR</b> marks corrections, most of them the fork's fixes,
 * listed in docs/compatibility.md, Wire conversion):
 * <ul>
 *   <li>{@code message_start} goes out with the first chunk, carrying its {@code model} and, ≠ CCR, the caller's
 *       estimate of the input tokens (0 if none); the id is {@code msg_} plus 96 random bits (≠ CCR's
 *       {@code msg_<epoch ms>}, which collides).</li>
 *   <li>{@code delta.content} → text block; {@code delta.tool_calls} → one {@code tool_use} block per call, its
 *       argument fragments forwarded verbatim as {@code input_json_delta}. ≠ CCR: text after a tool call opens a new
 *       text block; every entry of a chunk is used, even a second one for the same call; a provider reusing index 0
 *       with a new id starts a new call.</li>
 *   <li>≠ CCR: {@code delta.reasoning_content} (or {@code reasoning}) → a thinking block without any transformer;
 *       before a thinking block closes it gets {@code signature_delta ""} and its start carries
 *       {@code "signature":""}, as the real API sends. CCR's {@code delta.thinking {content, signature}} extension
 *       still works, a signature closing the block. Thinking that arrives after other content opens a new thinking
 *       block (the fork drops it; Anthropic's interleaved thinking allows it).</li>
 *   <li>{@code finish_reason} closes the open block and sets the stop reason (mapping as in
 *       {@link ChatToAnthropicResponse}). ≠ CCR: later content is ignored, but later chunks still count for usage,
 *       whether in the same read or not.</li>
 *   <li>Usage: ≠ CCR, merged field by field across all chunks, including a final {@code choices: []} chunk, so a
 *       later zero never erases a reported value; without a reported prompt count, {@code input_tokens} is the
 *       estimate.</li>
 *   <li>A chunk {@code {"error": …}} → {@code event: error} with
 *       {@code {"type":"error","error":{"type":"api_error","message":"<upstream error JSON>"}}} (≠ CCR, which uses a
 *       {@code message} key that the Anthropic SDKs do not read), and the stream goes on.</li>
 *   <li>{@code [DONE]}, non-JSON data and event names are ignored; a stream may end without {@code [DONE]}. Unlike
 *       converters within one dialect, this one hands nothing through unchanged: every input event is OpenAI's, and
 *       any of it reaching the client would corrupt an Anthropic stream.</li>
 *   <li>{@link #atEnd}: closes the open block, then {@code message_delta} (stop reason {@code end_turn} if no finish
 *       chunk came) and {@code message_stop}. ≠ CCR: an upstream that sent nothing still yields a well-formed
 *       message, {@code message_start} included.</li>
 * </ul>
 * Not thread-safe; one instance per stream.
 */
public final class ChatToAnthropicStream implements StreamConverter {

    /**
     * What the converter cannot learn from the stream.
     *
     * @param estimatedInputTokens the router's token count of the request, reported until the provider reports its
     *     own (0 for none)
     * @param messageIds makes the {@code msg_…} id of the message
     */
    public record Options(long estimatedInputTokens, Supplier<String> messageIds) {

        public Options {
            if (estimatedInputTokens < 0) {
                throw new IllegalArgumentException("estimatedInputTokens must be >= 0: " + estimatedInputTokens);
            }
            requireNonNull(messageIds, "messageIds");
        }

        /** No estimate, random message ids. */
        public static Options defaults() {
            return new Options(0, Ids::messageId);
        }

        public Options withEstimatedInputTokens(long tokens) {
            return new Options(tokens, messageIds);
        }
    }

    private enum Block { NONE, THINKING, TEXT, TOOL }

    private final Options options;

    private boolean started;
    private boolean finished;
    private boolean ended;

    private int nextIndex;
    private Block open = Block.NONE;
    private int openIndex = -1;

    // The provider's index and id of the tool call being streamed, and the highest index seen.
    private int toolIndex = -1;
    private String toolId;
    private int maxToolIndex = -1;
    // Whether the live call's arguments are already whole JSON, so a new call may close it.
    private JsonEnd toolArguments = new JsonEnd();

    // Calls that started while the live call's block was open (parallel calls, whose fragments may interleave).
    private final java.util.List<PendingCall> pendingCalls = new java.util.ArrayList<>();

    private String stopReason;
    private TokenUsage usage = TokenUsage.NONE;

    public ChatToAnthropicStream(Options options) {
        this.options = requireNonNull(options, "options");
    }

    @Override
    public void atStart(EventSink out) {
        // Nothing yet: message_start carries the model, which only the first chunk tells.
    }

    @Override
    public void accept(EventSink out, SseEvent event) {
        requireNonNull(event, "event");
        if (ended) {
            return;
        }
        if (started && !finished && !"error".equals(event.event())) {
            String text = TextOnlyChunk.text(event.data());
            if (text != null) {
                text(out, text.isEmpty() ? null : text);
                return;
            }
        }
        ObjectNode chunk = Json.parseObjectOrNull(event.data());
        if (chunk == null) {
            return; // [DONE], keep-alive text, or a broken line: CCR skips these too
        }
        JsonNode error = Json.present(chunk, "error");
        if (error == null && "error".equals(event.event())) {
            error = chunk;
        }
        if (error != null) {
            out.emit(AnthropicEvents.error(error));
            return;
        }
        if (!started) {
            String model = Json.nonEmptyText(chunk.get("model"));
            start(out, model != null ? model : "unknown");
        }
        JsonNode reported = Json.present(chunk, "usage");
        if (reported != null) {
            usage = usage.mergedWith(TokenUsage.of(reported));
        }
        if (finished) {
            return;
        }
        JsonNode choice = chunk.path("choices").path(0);
        if (!choice.isObject()) {
            return;
        }
        JsonNode delta = choice.path("delta");
        thinking(out, delta);
        text(out, Json.nonEmptyText(delta.get("content")));
        text(out, Json.nonEmptyText(delta.get("refusal"))); // OpenAI's refusal is the answer's text
        annotations(out, delta.get("annotations"));
        toolCalls(out, delta.get("tool_calls"));
        String finish = Json.nonEmptyText(choice.get("finish_reason"));
        if (finish != null) {
            close(out);
            stopReason = StopReasons.of(finish);
            finished = true;
        }
    }

    @Override
    public void atEnd(EventSink out) {
        if (ended) {
            return;
        }
        ended = true;
        if (!started) {
            start(out, "unknown");
        }
        close(out);
        out.emit(AnthropicEvents.messageDelta(
                stopReason != null ? stopReason : "end_turn", usage.toAnthropic(options.estimatedInputTokens())));
        out.emit(AnthropicEvents.messageStop());
    }

    private void start(EventSink out, String model) {
        started = true;
        out.emit(AnthropicEvents.messageStart(options.messageIds().get(), model, options.estimatedInputTokens()));
    }

    /* --------------- Blocks --------------- */

    private void open(EventSink out, Block kind, SseEvent start) {
        open = kind;
        openIndex = nextIndex++;
        out.emit(start);
    }

    private void close(EventSink out) {
        if (open == Block.THINKING) {
            out.emit(AnthropicEvents.signatureDelta(openIndex, ""));
        }
        if (open != Block.NONE) {
            out.emit(AnthropicEvents.blockStop(openIndex));
        }
        boolean wasTool = open == Block.TOOL;
        open = Block.NONE;
        openIndex = -1;
        if (wasTool) {
            flushPendingCalls(out);
        }
    }

    private void thinking(EventSink out, JsonNode delta) {
        JsonNode ccr = delta.get("thinking");
        if (ccr != null && ccr.isObject()) {
            thinkingText(out, Json.nonEmptyText(ccr.get("content")));
            String signature = Json.nonEmptyText(ccr.get("signature"));
            if (signature != null) {
                if (open != Block.THINKING) {
                    close(out);
                    open(out, Block.THINKING, AnthropicEvents.thinkingStart(nextIndex));
                }
                out.emit(AnthropicEvents.signatureDelta(openIndex, signature));
                out.emit(AnthropicEvents.blockStop(openIndex));
                open = Block.NONE;
                openIndex = -1;
            }
            return;
        }
        thinkingText(out, ReasoningText.of(delta));
    }

    private void thinkingText(EventSink out, String text) {
        if (text == null) {
            return;
        }
        if (open != Block.THINKING) {
            close(out);
            open(out, Block.THINKING, AnthropicEvents.thinkingStart(nextIndex));
        }
        out.emit(AnthropicEvents.thinkingDelta(openIndex, text));
    }

    private void text(EventSink out, String text) {
        if (text == null) {
            return;
        }
        if (open != Block.TEXT) {
            close(out);
            open(out, Block.TEXT, AnthropicEvents.textStart(nextIndex));
        }
        out.emit(AnthropicEvents.textDelta(openIndex, text));
    }

    /** CCR's stream rendering of {@code url_citation} annotations: one closed result block each. */
    private void annotations(EventSink out, JsonNode annotations) {
        if (annotations == null || !annotations.isArray() || annotations.isEmpty()) {
            return;
        }
        close(out);
        for (JsonNode annotation : annotations) {
            JsonNode citation = annotation.path("url_citation");
            if (citation.isObject()) {
                int index = nextIndex++;
                out.emit(AnthropicEvents.webSearchResultStart(index, Ids.serverToolUseId(),
                        citation.path("title").asText(""), citation.path("url").asText("")));
                out.emit(AnthropicEvents.blockStop(index));
            }
        }
    }

    private void toolCalls(EventSink out, JsonNode calls) {
        if (calls == null || !calls.isArray()) {
            return;
        }
        for (JsonNode call : calls) {
            JsonNode indexNode = call.get("index");
            int index = indexNode != null && indexNode.isIntegralNumber() ? indexNode.asInt()
                    : toolIndex >= 0 ? toolIndex : 0;
            String id = Json.nonEmptyText(call.get("id"));
            JsonNode function = call.path("function");
            String arguments = arguments(function.get("arguments"));
            PendingCall pending = pendingCall(index, id);
            if (pending != null) {
                pending.append(arguments);
                continue;
            }
            boolean sameCall = toolIndex >= 0 && index == toolIndex
                    && (id == null || toolId == null || id.equals(toolId));
            if (sameCall) {
                if (open != Block.TOOL) {
                    continue; // a fragment for a call whose block was closed when other content began
                }
                if (toolId == null) {
                    toolId = id;
                }
            } else if (open == Block.TOOL && (index == toolIndex || index > maxToolIndex)
                    && (!toolArguments.complete() || !pendingCalls.isEmpty())) {
                // A parallel call starts while the live one still expects fragments: it waits, whole, until then.
                maxToolIndex = Math.max(maxToolIndex, index);
                PendingCall waiting = new PendingCall(index, id, Json.nonEmptyText(function.get("name")));
                waiting.append(arguments);
                pendingCalls.add(waiting);
                continue;
            } else if (index == toolIndex || index > maxToolIndex) {
                close(out);
                toolIndex = index;
                toolId = id;
                toolArguments = new JsonEnd();
                maxToolIndex = Math.max(maxToolIndex, index);
                String name = Json.nonEmptyText(function.get("name"));
                // CCR's placeholders when the first fragment lacks them; the start event cannot be corrected later.
                open(out, Block.TOOL, AnthropicEvents.toolUseStart(nextIndex,
                        id != null ? id : Ids.toolUseId(), name != null ? name : "tool_" + index));
            } else {
                continue; // a late fragment of an earlier call, whose block is closed
            }
            if (arguments != null) {
                toolArguments.feed(arguments);
                out.emit(AnthropicEvents.inputJsonDelta(openIndex, arguments));
            }
        }
    }

    /**
     * The most recent waiting call with this provider index, unless {@code id} says it is another call. A waiting call
     * on the live call's index is a provider reusing the index for a later call, so id-less fragments belong to it.
     */
    private PendingCall pendingCall(int index, String id) {
        for (int i = pendingCalls.size() - 1; i >= 0; i--) {
            PendingCall p = pendingCalls.get(i);
            if (p.index == index) {
                return id == null || p.id == null || id.equals(p.id) ? p : null;
            }
        }
        return null;
    }

    /** Emits the calls that waited for the live one, each as a complete block, in the order they started. */
    private void flushPendingCalls(EventSink out) {
        for (PendingCall p : pendingCalls) {
            int index = nextIndex++;
            out.emit(AnthropicEvents.toolUseStart(index, p.id != null ? p.id : Ids.toolUseId(),
                    p.name != null ? p.name : "tool_" + p.index));
            if (!p.arguments.isEmpty()) {
                out.emit(AnthropicEvents.inputJsonDelta(index, p.arguments.toString()));
            }
            out.emit(AnthropicEvents.blockStop(index));
        }
        pendingCalls.clear();
    }

    /** A parallel tool call that started while another was being streamed; its arguments are kept until then. */
    private static final class PendingCall {
        final int index;
        final String id;
        final String name;
        final StringBuilder arguments = new StringBuilder();

        PendingCall(int index, String id, String name) {
            this.index = index;
            this.id = id;
            this.name = name;
        }

        void append(String fragment) {
            if (fragment != null) {
                arguments.append(fragment);
            }
        }
    }

    /** An argument fragment: the string as sent, or the JSON of an object some servers send whole. */
    private static String arguments(JsonNode arguments) {
        if (arguments == null || arguments.isNull()) {
            return null;
        }
        return arguments.isTextual() ? Json.nonEmptyText(arguments) : Json.compact(arguments);
    }
}
