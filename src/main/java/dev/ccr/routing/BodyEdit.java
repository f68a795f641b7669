package dev.ccr.routing;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A change to the request body that a routing decision asks for. Rules only describe changes; the pipeline applies
 * them, in the decision's order, with {@link #applyAll} after deciding and before forwarding ("decide, then act").
 * Pointers address the body as the client sent it.
 */
public sealed interface BodyEdit {
    /** One line for explanations: where and what. */
    String describe();

    /** Where in the body the edit applies, as a JSON pointer ({@code ""}: the whole body). */
    String pointer();

    /** Sets the text at {@code pointer} (a string field or array element), e.g. a rewritten system prompt. */
    record SetText(String pointer, String text, String why) implements BodyEdit {
        public SetText {
            Objects.requireNonNull(pointer, "pointer");
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(why, "why");
        }

        @Override
        public String describe() {
            return pointer + ": " + why;
        }
    }

    /**
     * Removes every occurrence of {@code literal} from the text at {@code pointer}. A content block whose text is left
     * blank is dropped when it is not the only block, because Anthropic rejects empty text blocks.
     */
    record RemoveText(String pointer, String literal, String why) implements BodyEdit {
        public RemoveText {
            Objects.requireNonNull(pointer, "pointer");
            Objects.requireNonNull(literal, "literal");
            Objects.requireNonNull(why, "why");
        }

        @Override
        public String describe() {
            return pointer + ": " + why;
        }
    }

    /**
     * Sets the number at {@code pointer} (a field of an object that exists), e.g. {@code max_tokens} lowered to the
     * routed model's output cap.
     */
    record SetNumber(String pointer, long value, String why) implements BodyEdit {
        public SetNumber {
            Objects.requireNonNull(pointer, "pointer");
            Objects.requireNonNull(why, "why");
        }

        @Override
        public String describe() {
            return pointer + ": " + why;
        }
    }

    /** Replaces the whole body (a script router that rewrote {@code req.body}); later rules see the new body. */
    record ReplaceBody(ObjectNode body, String why) implements BodyEdit {
        public ReplaceBody {
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(why, "why");
            body = body.deepCopy();
        }

        @Override
        public String describe() {
            return "/: " + why;
        }

        @Override
        public String pointer() {
            return "";
        }
    }

    /** Applies {@code edits} to {@code body} in order, then drops the text blocks they left blank. */
    static void applyAll(List<BodyEdit> edits, ObjectNode body) {
        List<JsonPointer> blanked = new ArrayList<>();
        for (BodyEdit edit : edits) {
            switch (edit) {
                case SetText set -> setText(body, JsonPointer.compile(set.pointer()), set.text());
                case SetNumber set -> {
                    JsonPointer at = JsonPointer.compile(set.pointer());
                    if (body.at(at.head()) instanceof ObjectNode parent) {
                        parent.put(at.last().getMatchingProperty(), set.value());
                    }
                }
                case RemoveText remove -> {
                    JsonPointer at = JsonPointer.compile(remove.pointer());
                    JsonNode current = body.at(at);
                    if (current.isTextual()) {
                        String left = current.textValue().replace(remove.literal(), "");
                        setText(body, at, left);
                        if (left.isBlank()) {
                            blanked.add(at);
                        }
                    }
                }
                case ReplaceBody replace -> {
                    body.removeAll();
                    body.setAll(replace.body().deepCopy());
                }
            }
        }
        dropBlankBlocks(body, blanked);
    }

    private static void setText(ObjectNode body, JsonPointer at, String text) {
        JsonNode parent = body.at(at.head());
        String last = at.last().getMatchingProperty();
        if (parent instanceof ObjectNode object) {
            object.set(last, TextNode.valueOf(text));
        } else if (parent instanceof ArrayNode array && at.last().getMatchingIndex() >= 0 && at.last().getMatchingIndex() < array.size()) {
            array.set(at.last().getMatchingIndex(), TextNode.valueOf(text));
        }
    }

    /** {@code /x/N/text} left blank: remove block N from array {@code /x} if it has others; highest index first. */
    private static void dropBlankBlocks(ObjectNode body, List<JsonPointer> blanked) {
        blanked.stream()
                .filter(p -> "text".equals(p.last().getMatchingProperty()) && p.head().last() != null
                        && p.head().last().getMatchingIndex() >= 0)
                .sorted(Comparator.comparing((JsonPointer p) -> p.head().head().toString())
                        .thenComparing(p -> -p.head().last().getMatchingIndex()))
                .forEach(p -> {
                    if (body.at(p.head().head()) instanceof ArrayNode blocks && blocks.size() > 1) {
                        blocks.remove(p.head().last().getMatchingIndex());
                    }
                });
    }
}
