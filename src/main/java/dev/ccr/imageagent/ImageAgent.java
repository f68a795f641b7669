package dev.ccr.imageagent;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.client.ApiException;
import dev.ccr.client.ClientRequest;
import dev.ccr.client.ClientResponse;
import dev.ccr.pipeline.MessagesPipeline;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answers a Messages request, through the image agent when it applies (CCR 2.0's {@code forceUseImageAgent}), else
 * straight through the pipeline.
 *
 * <p>It applies when {@code forceUseImageAgent} is on and the pipeline's router would send the request to the image
 * route because the chosen model cannot read its images (the {@code image} refinement decided). Then, in one client
 * request: (1) the request goes to the main model with its images as {@code [Image #N]} placeholders and the
 * {@code analyzeImage} tool offered; (2) each {@code analyzeImage} call is answered by the image model, asked by ccr
 * itself with the images named and the task; (3) the main model gets its turn back with those results and answers
 * again, up to {@link #MAX_ANALYZE_ROUNDS} times; (4) the client gets one answer in which the calls do not appear.
 * Every model call is a full pass through the pipeline (routing, fallbacks, usage records).
 *
 * <p>A failed description is the tool's result, marked {@code is_error} and saying why, so that the main model can
 * tell the user; a failed main round is the client's answer (an error event once the stream has begun).
 */
public final class ImageAgent {
    /** How many times one client request may go back to the main model with descriptions. */
    static final int MAX_ANALYZE_ROUNDS = 3;

    /** A pasted screenshot is one base64 string, which may be longer than Jackson's default cap (as in the pipeline). */
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build()).build());

    private final MessagesPipeline pipeline;
    private final ClientRequest client;
    private final Departure departure;

    private ImageAgent(MessagesPipeline pipeline, ClientRequest client) {
        this.pipeline = pipeline;
        this.client = client;
        this.departure = new Departure(client);
    }

    /** Answers {@code request} with {@code pipeline}, through the image agent when it applies. */
    public static void handle(MessagesPipeline pipeline, ClientRequest request, ClientResponse response) {
        Optional<ObjectNode> body = Optional.empty();
        Optional<String> imageModel = Optional.empty();
        if (pipeline.config().forceUseImageAgent()) {
            body = parsed(request.body()).filter(ImagePlaceholders::hasImages);
            imageModel = body.flatMap(b -> imageRoute(pipeline, request));
        }
        if (imageModel.isEmpty()) {
            pipeline.handle(request, response);
            return;
        }
        ImagePlaceholders.Placeholdered placeholdered = ImagePlaceholders.of(body.get());
        Rounds rounds = body.get().path("stream").asBoolean(false)
                ? new StreamedRounds(pipeline, response) : new JsonRounds(pipeline, response);
        try {
            new ImageAgent(pipeline, request).converse(rounds, placeholdered, imageModel.get());
        } catch (IOException clientGone) {
            // Only writes to the client throw: it has left, and the pipeline has recorded each call's end.
        }
    }

    /**
     * The image route when the router would take the request there because its chosen model cannot read the images;
     * empty when it routes elsewhere (the model reads images, no image route, the request names the image model).
     */
    private static Optional<String> imageRoute(MessagesPipeline pipeline, ClientRequest request) {
        ObjectNode explanation = pipeline.explain(request);
        if (!"image".equals(explanation.path("rule").asText()) || !explanation.path("target").isTextual()) {
            return Optional.empty();
        }
        return Optional.of(explanation.path("target").asText());
    }

    private void converse(Rounds rounds, ImagePlaceholders.Placeholdered placeholdered, String imageModel) throws IOException {
        ObjectNode body = placeholdered.body();
        for (int round = 0; ; round++) {
            Optional<RoundAnswer> answer = rounds.next(new InternalRequest(client, departure, body));
            if (answer.isEmpty()) {
                return;
            }
            List<ObjectNode> calls = answer.get().analyzeCalls();
            if (calls.isEmpty() || round == MAX_ANALYZE_ROUNDS || departure.left()) {
                rounds.finish();
                return;
            }
            rounds.waiting();
            Map<String, ToolResult> results = new LinkedHashMap<>();
            for (ObjectNode call : calls) {
                results.put(call.path("id").asText(), describe(call.path("input"), placeholdered.images(), imageModel));
            }
            body = followUp(body, answer.get(), results);
        }
    }

    /** What one {@code analyzeImage} call returns to the main model. */
    private record ToolResult(String text, boolean error) {
    }

    /** Asks the image model to carry out one call. */
    private ToolResult describe(JsonNode input, List<JsonNode> images, String imageModel) {
        Optional<ObjectNode> request = AnalyzeImageTool.request(imageModel, input, images);
        if (request.isEmpty()) {
            return new ToolResult("analyzeImage failed: imageId " + input.path("imageId") + " names no image of this "
                    + "conversation; the images are [Image #1] to [Image #" + images.size() + "]", true);
        }
        CapturedResponse answer = new CapturedResponse();
        try {
            pipeline.handle(new InternalRequest(client, departure, request.get()), answer);
        } catch (ApiException e) {
            return failure(imageModel, e.error().status(), e.error().message());
        }
        JsonNode json = answer.json();
        if (answer.status() != 200) {
            return failure(imageModel, answer.status(), json.path("error").path("message").asText("no message"));
        }
        String description = AnalyzeImageTool.description(json);
        return description.isBlank() ? failure(imageModel, 200, "the answer had no text") : new ToolResult(description, false);
    }

    private static ToolResult failure(String imageModel, int status, String message) {
        return new ToolResult("analyzeImage failed: the image model " + imageModel + " answered " + status + ": " + message, true);
    }

    /**
     * The next main round's request: the assistant's turn (its text, thinking and {@code analyzeImage} calls; its other
     * tool calls are left out, having no results) and a user turn with the calls' results.
     */
    private static ObjectNode followUp(ObjectNode body, RoundAnswer answer, Map<String, ToolResult> results) {
        ObjectNode next = body.deepCopy();
        ArrayNode messages = next.withArray("messages");
        ArrayNode assistant = messages.addObject().put("role", "assistant").putArray("content");
        for (ObjectNode block : answer.content()) {
            boolean emptyText = "text".equals(block.path("type").asText()) && block.path("text").asText().isEmpty();
            if (!RoundAnswer.isOtherToolCall(block) && !emptyText) {
                assistant.add(block);
            }
        }
        ArrayNode user = messages.addObject().put("role", "user").putArray("content");
        results.forEach((id, result) -> {
            ObjectNode toolResult = user.addObject().put("type", "tool_result").put("tool_use_id", id);
            toolResult.putArray("content").addObject().put("type", "text").put("text", result.text());
            if (result.error()) {
                toolResult.put("is_error", true);
            }
        });
        return next;
    }

    private static Optional<ObjectNode> parsed(byte[] body) {
        try {
            return Optional.ofNullable(JSON.readTree(body) instanceof ObjectNode object ? object : null);
        } catch (IOException e) {
            return Optional.empty(); // the pipeline says what is wrong with it
        }
    }
}
