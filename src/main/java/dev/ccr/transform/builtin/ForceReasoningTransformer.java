package dev.ccr.transform.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.transform.ProviderResponse;
import dev.ccr.transform.Transformer;
import dev.ccr.wire.EventSink;
import dev.ccr.wire.StreamConverter;
import dev.ccr.wire.sse.SseEvent;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code forcereasoning} (docs/compatibility.md, Transformers): makes a model without native reasoning write it out.
 * The request asks for the reasoning inside {@code <reasoning_content>…</reasoning_content>} before the answer (a text
 * part after the last user turn, or a new user turn after a tool result), and earlier assistant {@code thinking} is
 * moved into that tag in the assistant text (the last 10 turns that have text; older ones lose it). On the way back the
 * tag becomes thinking: in a stream, CCR's {@code delta.thinking} {@code content} deltas and a {@code signature} at the
 * closing tag; in a JSON answer, {@code message.thinking} with the tag cut from the text.
 */
final class ForceReasoningTransformer implements Transformer {
    static final String START = "<reasoning_content>";
    static final String END = "</reasoning_content>";
    static final String PROMPT = """
            Always think before answering. Even if the problem seems simple, always write down your reasoning process \
            explicitly.

            Output format:
            <reasoning_content>
            Your detailed thinking process goes here
            </reasoning_content>
            Your final answer must follow after the closing tag above.""";
    private static final int MAX_INTERLEAVED = 10;
    private static final Pattern TAGGED = Pattern.compile(Pattern.quote(START) + "(.*?)" + Pattern.quote(END), Pattern.DOTALL);

    @Override
    public String name() {
        return "forcereasoning";
    }

    @Override
    public ProviderResponse transform(Chain chain) throws IOException {
        ObjectNode body = chain.request().copyBody();
        rewrite(body);
        return chain.proceed(chain.request().withBody(body))
                .mapEvents(TagStream::new)
                .mapJson(ForceReasoningTransformer::convertJson);
    }

    static void rewrite(ObjectNode body) {
        if (!(body.get("messages") instanceof ArrayNode messages) || messages.isEmpty()) {
            return;
        }
        int times = 0;
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (!(messages.get(i) instanceof ObjectNode message) || !"assistant".equals(message.path("role").asText())
                    || !message.has("thinking")) {
                continue;
            }
            String thinking = message.path("thinking").path("content").asText("");
            JsonNode content = message.get("content");
            boolean empty = content == null || content.isNull() || content.isTextual() && content.asText().isEmpty();
            if (!thinking.isEmpty() && (empty || times < MAX_INTERLEAVED)) {
                times++;
                String tagged = START + thinking + END + "\n";
                if (content instanceof ArrayNode parts) {
                    parts.insertObject(0).put("type", "text").put("text", tagged);
                } else {
                    message.put("content", tagged + (empty ? "" : content.asText()));
                }
            }
            message.remove("thinking");
        }
        ObjectNode last = (ObjectNode) messages.get(messages.size() - 1);
        switch (last.path("role").asText()) {
            case "user" -> {
                if (last.get("content") instanceof ArrayNode parts) {
                    parts.addObject().put("type", "text").put("text", PROMPT);
                } else {
                    String text = last.path("content").asText("");
                    ArrayNode parts = last.putArray("content");
                    parts.addObject().put("type", "text").put("text", PROMPT);
                    parts.addObject().put("type", "text").put("text", text);
                }
            }
            case "tool" -> messages.addObject().put("role", "user").putArray("content").addObject()
                    .put("type", "text").put("text", PROMPT);
            default -> {
            }
        }
    }

    static ObjectNode convertJson(ObjectNode answer) {
        for (JsonNode choice : answer.path("choices")) {
            if (choice.get("message") instanceof ObjectNode message && message.path("content").isTextual()) {
                String content = message.get("content").asText();
                Matcher m = TAGGED.matcher(content);
                if (m.find() && !m.group(1).isEmpty()) {
                    message.putObject("thinking").put("content", m.group(1));
                    message.put("content", (content.substring(0, m.start()) + content.substring(m.end())).strip());
                }
            }
        }
        return answer;
    }

    private enum State { SEARCHING, REASONING, FINAL }

    private record Piece(String field, String text) {
    }

    /** One stream: splits the tagged reasoning out of the content deltas as they arrive. */
    static final class TagStream implements StreamConverter {
        private State state = State.SEARCHING;
        private String hold = "";
        private boolean stripLeading;
        private ObjectNode template;

        @Override
        public void accept(EventSink out, SseEvent event) {
            JsonNode parsed = event.data().startsWith("{") ? ToolArguments.parseStrict(event.data()).orElse(null) : null;
            if (!(parsed instanceof ObjectNode chunk) || !(chunk.path("choices").path(0) instanceof ObjectNode choice)) {
                if (parsed instanceof ObjectNode usageOnly && usageOnly.has("usage")) {
                    emitAlone(out, event.event(), finish());
                } else if (!(parsed instanceof ObjectNode)) {
                    emitAlone(out, event.event(), finish());
                }
                out.emit(event);
                return;
            }
            if (template == null) {
                template = chunk.deepCopy();
                template.remove(List.of("choices", "usage"));
            }
            List<Piece> pieces = new ArrayList<>();
            ObjectNode delta = choice.get("delta") instanceof ObjectNode d ? d : choice.putObject("delta");
            boolean hadContent = delta.path("content").isTextual();
            if (hadContent) {
                pieces.addAll(process(delta.get("content").asText()));
                delta.remove("content");
            }
            if (choice.path("finish_reason").isTextual()) {
                pieces.addAll(finish());
            }
            if (pieces.isEmpty()) {
                if (!hadContent) {
                    out.emit(event);
                } else if (!delta.isEmpty() || choice.path("finish_reason").isTextual() || chunk.path("usage").isObject()) {
                    out.emit(new SseEvent(event.event(), chunk.toString()));
                }
                return;
            }
            for (int i = 0; i < pieces.size(); i++) {
                boolean lastPiece = i == pieces.size() - 1;
                ObjectNode copy = chunk.deepCopy();
                ObjectNode c = (ObjectNode) copy.get("choices").get(0);
                ObjectNode d = (ObjectNode) c.get("delta");
                if (i > 0) {
                    d.remove("role");
                }
                if (!lastPiece) {
                    d.remove("tool_calls");
                    c.putNull("finish_reason");
                    copy.remove("usage");
                }
                put(d, pieces.get(i));
                out.emit(new SseEvent(event.event(), copy.toString()));
            }
        }

        @Override
        public void atEnd(EventSink out) {
            emitAlone(out, null, finish());
        }

        private void emitAlone(EventSink out, String eventName, List<Piece> pieces) {
            for (Piece piece : pieces) {
                ObjectNode chunk = template == null ? ToolArguments.STRICT.createObjectNode() : template.deepCopy();
                ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
                put(choice.putObject("delta"), piece);
                choice.putNull("finish_reason");
                out.emit(new SseEvent(eventName, chunk.toString()));
            }
        }

        private static void put(ObjectNode delta, Piece piece) {
            switch (piece.field()) {
                case "content" -> delta.put("content", piece.text());
                case "thinking" -> delta.putObject("thinking").put("content", piece.text());
                default -> delta.putObject("thinking").put("signature", piece.text());
            }
        }

        private List<Piece> process(String text) {
            List<Piece> pieces = new ArrayList<>();
            String cur = hold + text;
            hold = "";
            while (!cur.isEmpty()) {
                switch (state) {
                    case SEARCHING -> {
                        cur = cur.stripLeading();
                        if (cur.isEmpty()) {
                            return pieces;
                        }
                        if (cur.startsWith(START)) {
                            cur = cur.substring(START.length());
                            state = State.REASONING;
                        } else if (START.startsWith(cur)) {
                            hold = cur;
                            return pieces;
                        } else {
                            state = State.FINAL; // the model answered without the tag: plain text
                        }
                    }
                    case REASONING -> {
                        int end = cur.indexOf(END);
                        if (end >= 0) {
                            if (end > 0) {
                                pieces.add(new Piece("thinking", cur.substring(0, end)));
                            }
                            pieces.add(signature());
                            cur = cur.substring(end + END.length());
                            state = State.FINAL;
                            stripLeading = true;
                        } else {
                            int keep = partialSuffix(cur, END);
                            if (cur.length() > keep) {
                                pieces.add(new Piece("thinking", cur.substring(0, cur.length() - keep)));
                            }
                            hold = cur.substring(cur.length() - keep);
                            return pieces;
                        }
                    }
                    case FINAL -> {
                        if (stripLeading) {
                            cur = cur.stripLeading();
                            if (cur.isEmpty()) {
                                return pieces;
                            }
                            stripLeading = false;
                        }
                        pieces.add(new Piece("content", cur));
                        return pieces;
                    }
                }
            }
            return pieces;
        }

        /** What is still held back, sent as the stream finishes; an open reasoning part is closed with a signature. */
        private List<Piece> finish() {
            List<Piece> pieces = new ArrayList<>();
            if (state == State.REASONING) {
                if (!hold.isEmpty()) {
                    pieces.add(new Piece("thinking", hold));
                }
                pieces.add(signature());
                state = State.FINAL;
            } else if (!hold.isEmpty()) {
                pieces.add(new Piece("content", hold));
            }
            hold = "";
            return pieces;
        }

        private static Piece signature() {
            return new Piece("signature", String.valueOf(System.currentTimeMillis()));
        }

        /** The length of the longest end of {@code text} that is a proper beginning of {@code tag}. */
        private static int partialSuffix(String text, String tag) {
            for (int n = Math.min(tag.length() - 1, text.length()); n > 0; n--) {
                if (text.endsWith(tag.substring(0, n))) {
                    return n;
                }
            }
            return 0;
        }
    }
}
