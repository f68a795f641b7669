package dev.ccr.preset;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A schema field's {@code when}: one condition {@code {field, operator, value}} or a list that must all hold, over
 * the values given so far (docs/cli.md; operators eq, ne, in, nin, gt, lt, gte, lte, exists; eq by default).
 */
public final class Conditions {
    private Conditions() {
    }

    /** Whether a schema field is asked, given the values so far. */
    public static boolean shouldShow(JsonNode field, JsonNode values) {
        return !field.has("when") || evaluate(field.get("when"), values);
    }

    public static boolean evaluate(JsonNode when, JsonNode values) {
        if (when == null || when.isNull() || when.isMissingNode()) {
            return true;
        }
        if (when.isArray()) {
            for (JsonNode condition : when) {
                if (!one(condition, values)) {
                    return false;
                }
            }
            return true;
        }
        return one(when, values);
    }

    private static boolean one(JsonNode condition, JsonNode values) {
        JsonNode actual = values.path(condition.path("field").asText());
        JsonNode expected = condition.path("value");
        return switch (condition.path("operator").asText("eq")) {
            case "exists" -> !actual.isMissingNode() && !actual.isNull();
            case "in" -> expected.isArray() && contains(expected, actual);
            case "nin" -> expected.isArray() && !contains(expected, actual);
            case "ne" -> !actual.equals(expected);
            case "gt" -> actual.isNumber() && expected.isNumber() && actual.asDouble() > expected.asDouble();
            case "lt" -> actual.isNumber() && expected.isNumber() && actual.asDouble() < expected.asDouble();
            case "gte" -> actual.isNumber() && expected.isNumber() && actual.asDouble() >= expected.asDouble();
            case "lte" -> actual.isNumber() && expected.isNumber() && actual.asDouble() <= expected.asDouble();
            default -> actual.equals(expected);
        };
    }

    private static boolean contains(JsonNode array, JsonNode value) {
        for (JsonNode item : array) {
            if (item.equals(value)) {
                return true;
            }
        }
        return false;
    }
}
