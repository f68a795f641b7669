package dev.ccr.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${ANY}} and {@code $UPPER_CASE} placeholders in every string value of a document with environment
 * variables, exactly as CCR's {@code interpolateEnvVars} (docs/ccr-checklist.md item 47): keys are never rewritten,
 * unset or empty variables leave the placeholder as written, one pass, no escapes.
 *
 * <p>Unlike CCR 2.0 (which interpolates only part of the config, pitfall P-2), ccr interpolates the whole document.
 */
public final class EnvInterpolation {
    // CCR's regex, verbatim in meaning: ${anything but a brace} or $NAME with an upper-case name.
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}|\\$([A-Z_][A-Z0-9_]*)");

    private final UnaryOperator<String> lookup;

    private EnvInterpolation(UnaryOperator<String> lookup) {
        this.lookup = lookup;
    }

    public static EnvInterpolation of(Map<String, String> env) {
        return new EnvInterpolation(env::get);
    }

    /** A new tree with placeholders replaced; the input is not changed. */
    public JsonNode apply(JsonNode node) {
        if (node.isTextual()) {
            return TextNode.valueOf(replace(node.textValue()));
        }
        if (node.isArray()) {
            ArrayNode copy = ((ArrayNode) node).arrayNode(node.size());
            node.forEach(element -> copy.add(apply(element)));
            return copy;
        }
        if (node.isObject()) {
            ObjectNode copy = ((ObjectNode) node).objectNode();
            node.properties().forEach(field -> copy.set(field.getKey(), apply(field.getValue())));
            return copy;
        }
        return node.deepCopy();
    }

    /** One string with its placeholders replaced. */
    public String replace(String text) {
        if (text.indexOf('$') < 0) {
            return text;
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            String value = lookup.apply(name);
            m.appendReplacement(out, Matcher.quoteReplacement(value == null || value.isEmpty() ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
