package dev.ccr.imageagent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.wire.WireJson;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Rewrites a request for a model that cannot see: every image in a user message (or in a tool result there) becomes
 * the text {@code [Image #N]…}, the images are kept by number for {@code analyzeImage}, the system prompt says how to
 * ask for them, and the tool is offered first.
 */
final class ImagePlaceholders {
    /** Claude Code's own {@code [Image #1]} references in the user's text would clash with the agent's numbering. */
    private static final Pattern CLIENT_IMAGE_REFERENCE = Pattern.compile("\\[Image #\\d+]");

    static final String INSTRUCTIONS = """
            You cannot see images: they appear in the conversation as [Image #N] placeholders. Whenever answering needs \
            what an image shows, call the analyzeImage tool with the ids of the relevant images (the N of [Image #N]) \
            and a detailed task; never guess an image's content yourself.""";

    /** The rewritten request and its images, {@code images.get(n - 1)} being {@code [Image #n]}'s {@code source}. */
    record Placeholdered(ObjectNode body, List<JsonNode> images) {
        Placeholdered {
            images = List.copyOf(images);
        }
    }

    private ImagePlaceholders() {
    }

    /** Whether a user message of {@code body} holds an image, directly or inside one of its blocks (a tool result). */
    static boolean hasImages(JsonNode body) {
        for (JsonNode message : body.path("messages")) {
            if (!"user".equals(message.path("role").asText())) {
                continue;
            }
            for (JsonNode block : message.path("content")) {
                if (isImage(block)) {
                    return true;
                }
                for (JsonNode inner : block.path("content")) {
                    if (isImage(inner)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** A copy of {@code original} with its images replaced, the instructions appended and the tool offered. */
    static Placeholdered of(ObjectNode original) {
        ObjectNode body = original.deepCopy();
        List<JsonNode> images = new ArrayList<>();
        for (JsonNode message : body.path("messages")) {
            if ("user".equals(message.path("role").asText()) && message.path("content") instanceof ArrayNode content) {
                replaceImages(content, images, true);
            }
        }
        appendInstructions(body);
        ArrayNode tools = WireJson.MAPPER.createArrayNode().add(AnalyzeImageTool.definition());
        body.path("tools").forEach(tools::add);
        body.set("tools", tools);
        return new Placeholdered(body, images);
    }

    private static void replaceImages(ArrayNode blocks, List<JsonNode> images, boolean userLevel) {
        for (int i = 0; i < blocks.size(); i++) {
            JsonNode block = blocks.get(i);
            if (isImage(block)) {
                images.add(block.path("source"));
                blocks.set(i, WireJson.object().put("type", "text").put("text", placeholder(images.size())));
            } else if (userLevel && "text".equals(block.path("type").asText()) && block instanceof ObjectNode text) {
                text.put("text", CLIENT_IMAGE_REFERENCE.matcher(text.path("text").asText()).replaceAll(""));
            } else if (userLevel && block.path("content") instanceof ArrayNode inner) {
                replaceImages(inner, images, false);
            }
        }
    }

    static String placeholder(int number) {
        return "[Image #" + number + "] (an image; to know what it shows, call analyzeImage with imageId \"" + number + "\")";
    }

    private static void appendInstructions(ObjectNode body) {
        ObjectNode instructions = WireJson.object().put("type", "text").put("text", INSTRUCTIONS);
        JsonNode system = body.path("system");
        if (system instanceof ArrayNode blocks) {
            blocks.add(instructions);
        } else {
            ArrayNode blocks = body.putArray("system");
            if (system.isTextual() && !system.asText().isEmpty()) {
                blocks.addObject().put("type", "text").put("text", system.asText());
            }
            blocks.add(instructions);
        }
    }

    private static boolean isImage(JsonNode block) {
        return "image".equals(block.path("type").asText());
    }
}
