package dev.ccr.wire.openai;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.ccr.wire.WireJson;

import java.io.IOException;

/**
 * Reads a streamed chunk that carries nothing but answer text, as nearly all of a stream's chunks do, without building
 * its tree: the tree and the mapper's per-call objects were half of what a converted stream allocated per event.
 * Anything the converter would act on besides {@code choices[0].delta.content} (an error, usage, a finish reason,
 * reasoning, a refusal, tool calls, annotations) makes it answer null, and the converter reads the whole tree as
 * before; so does anything it cannot read.
 */
final class TextOnlyChunk {
    private static final JsonFactory JSON = WireJson.MAPPER.getFactory();

    private TextOnlyChunk() {}

    /** The chunk's text, "" when it has none, or null when it carries more than text. */
    static String text(String data) {
        if (data.isEmpty() || data.charAt(0) != '{') {
            return null;
        }
        try (JsonParser p = JSON.createParser(data)) {
            p.nextToken();
            String text = "";
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "choices" -> {
                        text = value == JsonToken.START_ARRAY ? firstChoice(p) : "";
                        if (text == null) {
                            return null;
                        }
                    }
                    case "error", "usage" -> {
                        if (value != JsonToken.VALUE_NULL) {
                            return null;
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            return text;
        } catch (IOException e) {
            return null;
        }
    }

    /** From the start of {@code choices} to its end: the first choice's text, or null. */
    private static String firstChoice(JsonParser p) throws IOException {
        String text = "";
        JsonToken first = p.nextToken();
        if (first == JsonToken.START_OBJECT) {
            text = choice(p);
            if (text == null) {
                return null;
            }
        } else if (first == JsonToken.END_ARRAY) {
            return "";
        } else {
            p.skipChildren();
        }
        while (p.nextToken() != JsonToken.END_ARRAY) {
            p.skipChildren(); // the converter reads only the first choice
        }
        return text;
    }

    private static String choice(JsonParser p) throws IOException {
        String text = "";
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "delta" -> {
                    text = value == JsonToken.START_OBJECT ? delta(p) : "";
                    if (text == null) {
                        return null;
                    }
                }
                case "finish_reason" -> {
                    if (nonEmptyString(p, value)) {
                        return null;
                    }
                }
                default -> p.skipChildren();
            }
        }
        return text;
    }

    private static String delta(JsonParser p) throws IOException {
        String text = "";
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "content" -> text = value == JsonToken.VALUE_STRING ? p.getText() : "";
                case "refusal", "reasoning_content", "reasoning" -> {
                    if (nonEmptyString(p, value)) {
                        return null;
                    }
                    p.skipChildren();
                }
                case "thinking", "tool_calls", "annotations" -> {
                    if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                        return null;
                    }
                }
                default -> p.skipChildren();
            }
        }
        return text;
    }

    private static boolean nonEmptyString(JsonParser p, JsonToken value) throws IOException {
        return value == JsonToken.VALUE_STRING && p.getTextLength() > 0;
    }
}
