package dev.ccr.transform.builtin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.Optional;

/**
 * Tool-call arguments as models send them: strict JSON, or JSON5-like text (single quotes, unquoted keys, trailing
 * commas, comments) that a lenient read still understands (docs/compatibility.md, Transformers, {@code enhancetool}).
 */
final class ToolArguments {
    static final ObjectMapper STRICT = new ObjectMapper();
    private static final ObjectMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES, JsonReadFeature.ALLOW_SINGLE_QUOTES,
                    JsonReadFeature.ALLOW_TRAILING_COMMA, JsonReadFeature.ALLOW_JAVA_COMMENTS,
                    JsonReadFeature.ALLOW_YAML_COMMENTS, JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS,
                    JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS, JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS,
                    JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS, JsonReadFeature.ALLOW_TRAILING_DECIMAL_POINT_FOR_NUMBERS,
                    JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER, JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS)
            .build();

    private ToolArguments() {
    }

    /** The text parsed strictly, if it is one complete JSON value. */
    static Optional<JsonNode> parseStrict(String text) {
        return parse(STRICT, text);
    }

    /** The text parsed strictly or, failing that, leniently. */
    static Optional<JsonNode> parseLenient(String text) {
        return parseStrict(text).or(() -> parse(LENIENT, text));
    }

    /** Valid JSON unchanged; text a lenient read understands re-written as strict JSON; anything else {@code "{}"}. */
    static String repair(String text) {
        if (text == null || text.isBlank()) {
            return "{}";
        }
        if (parseStrict(text).isPresent()) {
            return text;
        }
        return parse(LENIENT, text).map(JsonNode::toString).orElse("{}");
    }

    private static Optional<JsonNode> parse(ObjectMapper mapper, String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try (var parser = mapper.createParser(text)) {
            JsonNode node = mapper.readTree(parser);
            // Trailing content ("{}{}", "{} x") is not one value.
            return node == null || parser.nextToken() != null ? Optional.empty() : Optional.of(node);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }
}
