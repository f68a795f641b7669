package dev.ccr.imageagent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.wire.WireJson;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code analyzeImage} tool: its definition as the main model sees it (CCR's input schema: {@code imageId},
 * {@code task}, optional {@code regions}), and the request that asks the image model to carry out one call.
 */
final class AnalyzeImageTool {
    static final String NAME = "analyzeImage";

    /** The image model answers only the task it was given, never the conversation around it. */
    private static final String IMAGE_MODEL_SYSTEM = """
            Analyze the attached image or images strictly according to the task. Report what the images show that \
            the task asks for, accurately and completely; do not answer anything else.""";

    /** What the image model may write at most; a description, not an essay. */
    private static final int MAX_TOKENS = 4096;

    private AnalyzeImageTool() {
    }

    static ObjectNode definition() {
        ObjectNode tool = WireJson.object().put("name", NAME).put("description",
                "Analyze one or more images of the conversation by id ([Image #N] → \"N\") and extract what the task asks "
                        + "for: text (OCR), objects, layout, colors, errors on screen.");
        ObjectNode schema = tool.putObject("input_schema").put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("imageId").put("type", "array").put("description", "the ids of the images to analyze")
                .putObject("items").put("type", "string");
        properties.putObject("task").put("type", "string")
                .put("description", "what to find out from the images; the more detailed, the better");
        ObjectNode region = properties.putObject("regions").put("type", "array")
                .put("description", "optional regions of interest").putObject("items").put("type", "object");
        ObjectNode regionProperties = region.putObject("properties");
        regionProperties.putObject("name").put("type", "string");
        for (String coordinate : List.of("x", "y", "w", "h")) {
            regionProperties.putObject(coordinate).put("type", "number");
        }
        regionProperties.putObject("units").put("type", "string").putArray("enum").add("px").add("pct");
        region.putArray("required").add("x").add("y").add("w").add("h").add("units");
        schema.putArray("required").add("imageId").add("task");
        return tool;
    }

    /**
     * The image model's request for one call, or empty when the call names no image this conversation has.
     *
     * @param imageModel the image route, {@code provider,model}
     * @param input      the call's input as the main model wrote it
     * @param images     the conversation's images, {@code [Image #n]} at {@code n - 1}
     */
    static Optional<ObjectNode> request(String imageModel, JsonNode input, List<JsonNode> images) {
        ArrayNode content = WireJson.MAPPER.createArrayNode();
        for (int number : imageNumbers(input.path("imageId"))) {
            if (number >= 1 && number <= images.size()) {
                content.addObject().put("type", "image").set("source", images.get(number - 1));
            }
        }
        if (content.isEmpty()) {
            return Optional.empty();
        }
        content.addObject().put("type", "text").put("text", "Task: " + input.path("task").asText("describe the image"));
        if (input.path("regions").isArray() && !input.path("regions").isEmpty()) {
            content.addObject().put("type", "text").put("text", "Regions of interest: " + WireJson.compact(input.path("regions")));
        }
        ObjectNode body = WireJson.object().put("model", imageModel).put("max_tokens", MAX_TOKENS).put("stream", false);
        body.putArray("system").addObject().put("type", "text").put("text", IMAGE_MODEL_SYSTEM);
        body.putArray("messages").addObject().put("role", "user").set("content", content);
        return Optional.of(body);
    }

    /** The image numbers a call names: {@code "1"}, {@code 1}, {@code "#1"} or {@code "[Image #1]"}, one or a list. */
    static Set<Integer> imageNumbers(JsonNode imageId) {
        List<JsonNode> ids = new ArrayList<>();
        if (imageId.isArray()) {
            imageId.forEach(ids::add);
        } else if (!imageId.isMissingNode() && !imageId.isNull()) {
            ids.add(imageId);
        }
        Set<Integer> numbers = new LinkedHashSet<>();
        for (JsonNode id : ids) {
            String digits = id.asText().replaceAll("\\D", "");
            if (!digits.isEmpty() && digits.length() < 6) {
                numbers.add(Integer.parseInt(digits));
            }
        }
        return numbers;
    }

    /** The image model's description: the text of its answer. */
    static String description(JsonNode answer) {
        StringBuilder text = new StringBuilder();
        for (JsonNode block : answer.path("content")) {
            if ("text".equals(block.path("type").asText())) {
                text.append(text.isEmpty() ? "" : "\n").append(block.path("text").asText());
            }
        }
        return text.toString();
    }
}
