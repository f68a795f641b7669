package dev.ccr.config;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;

/**
 * Reads the JSON5 syntax CCR users write (comments, trailing commas, single quotes, unquoted keys, NaN, leading
 * {@code +} and {@code .5}) with Jackson's read features, and writes plain pretty JSON as CCR does.
 *
 * <p>Not covered by Jackson, so not accepted: hexadecimal numbers and line continuations inside strings
 * (docs/configuration.md).
 */
public final class Json5 {
    private static final ObjectMapper READER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS)
            .enable(JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS)
            .enable(JsonReadFeature.ALLOW_TRAILING_DECIMAL_POINT_FOR_NUMBERS)
            .enable(JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER)
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .build();

    private static final ObjectMapper WRITER = new ObjectMapper();

    /** The layout of JavaScript's {@code JSON.stringify(value, null, 2)}: {@code "k": v}, arrays one item a line, {@code []}. */
    private static final DefaultPrettyPrinter JS_STYLE = new DefaultPrettyPrinter(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    private Json5() {
    }

    /** Parses JSON5 text; a syntax error is an {@link IOException} whose message names line and column. */
    public static JsonNode parse(String text) throws IOException {
        JsonNode node = READER.readTree(text);
        if (node == null || node.isMissingNode()) {
            throw new IOException("the file is empty");
        }
        return node;
    }

    /** Pretty JSON with 2-space indentation and a trailing newline, as CCR's {@code JSON.stringify(c, null, 2)}. */
    public static String pretty(JsonNode node) {
        try {
            return WRITER.writer(JS_STYLE).writeValueAsString(node) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }
}
