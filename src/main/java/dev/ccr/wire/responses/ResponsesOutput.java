package dev.ccr.wire.responses;

import dev.ccr.wire.WireJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The pieces shared by the JSON and stream conversions: finish reason and usage. */
final class ResponsesOutput {
    private ResponsesOutput() {
    }

    /**
     * The OpenAI finish reason of a finished {@code response}: {@code tool_calls} when it called a function,
     * {@code length} when incomplete for {@code max_output_tokens}, {@code content_filter} when incomplete for
     * {@code content_filter}, else {@code stop}.
     */
    static String finishReason(JsonNode response, boolean calledFunction) {
        if (calledFunction) {
            return "tool_calls";
        }
        if ("incomplete".equals(response.path("status").asText(""))) {
            String reason = response.path("incomplete_details").path("reason").asText("");
            return reason.equals("content_filter") ? "content_filter" : "length";
        }
        return "stop";
    }

    /**
     * Responses {@code usage} as OpenAI {@code usage}: {@code prompt_tokens} = {@code input_tokens},
     * {@code completion_tokens} = {@code output_tokens} (reasoning included, as OpenAI counts),
     * {@code prompt_tokens_details.cached_tokens} = {@code input_tokens_details.cached_tokens},
     * {@code completion_tokens_details.reasoning_tokens} = {@code output_tokens_details.reasoning_tokens}.
     */
    static ObjectNode usage(JsonNode usage) {
        long input = usage.path("input_tokens").asLong(0);
        long output = usage.path("output_tokens").asLong(0);
        ObjectNode out = WireJson.object();
        out.put("prompt_tokens", input);
        out.put("completion_tokens", output);
        out.put("total_tokens", usage.path("total_tokens").asLong(input + output));
        out.putObject("prompt_tokens_details")
                .put("cached_tokens", usage.path("input_tokens_details").path("cached_tokens").asLong(0));
        out.putObject("completion_tokens_details")
                .put("reasoning_tokens", usage.path("output_tokens_details").path("reasoning_tokens").asLong(0));
        return out;
    }

    /** The text of a {@code reasoning} item's summary parts, joined with a blank line. */
    static String summary(JsonNode reasoningItem) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode part : reasoningItem.path("summary")) {
            String text = part.path("text").asText("");
            if (!text.isEmpty()) {
                sb.append(sb.isEmpty() ? "" : "\n\n").append(text);
            }
        }
        return sb.toString();
    }
}
