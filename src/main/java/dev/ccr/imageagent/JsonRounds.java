package dev.ccr.imageagent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.client.ClientResponse;
import dev.ccr.pipeline.MessagesPipeline;
import dev.ccr.wire.WireJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The main rounds for a client that wants one JSON message: each round's answer is collected, and the client gets one
 * message with the first round's id, every round's content but the {@code analyzeImage} calls (and a continued
 * round's other tool calls, which the main model makes again once it has the description), and the last round's stop
 * reason and usage. A round that fails is the client's answer, as the pipeline gave it.
 */
final class JsonRounds implements Rounds {
    private final MessagesPipeline pipeline;
    private final ClientResponse client;
    private final List<ObjectNode> answers = new ArrayList<>();
    private CapturedResponse last;

    JsonRounds(MessagesPipeline pipeline, ClientResponse client) {
        this.pipeline = pipeline;
        this.client = client;
    }

    @Override
    public Optional<RoundAnswer> next(InternalRequest request) throws IOException {
        CapturedResponse round = new CapturedResponse();
        pipeline.handle(request, round);
        if (!round.isStarted()) {
            return Optional.empty(); // the client left; nobody reads an answer
        }
        JsonNode message = round.json();
        if (round.status() != 200 || !(message instanceof ObjectNode answer) || !answer.path("content").isArray()) {
            round.relayTo(client);
            return Optional.empty();
        }
        last = round;
        answers.add(answer);
        List<ObjectNode> content = new ArrayList<>();
        answer.path("content").forEach(block -> content.add((ObjectNode) block));
        return Optional.of(new RoundAnswer(content));
    }

    @Override
    public void waiting() {
        // nothing reaches a client that waits for one message before it is whole
    }

    @Override
    public void finish() throws IOException {
        ObjectNode message = answers.getLast().deepCopy();
        message.put("id", answers.getFirst().path("id").asText());
        ArrayNode content = message.putArray("content");
        boolean toolCallsShown = false;
        for (ObjectNode answer : answers) {
            boolean lastRound = answer == answers.getLast();
            for (JsonNode block : answer.path("content")) {
                ObjectNode b = (ObjectNode) block;
                if (RoundAnswer.isAnalyzeCall(b) || (!lastRound && RoundAnswer.isOtherToolCall(b))) {
                    continue;
                }
                toolCallsShown |= RoundAnswer.isOtherToolCall(b);
                content.add(b);
            }
        }
        if (!toolCallsShown && "tool_use".equals(message.path("stop_reason").asText())) {
            message.put("stop_reason", "end_turn"); // the only calls were analyzeImage's, which the client never sees
        }
        client.start(200, last.headers());
        client.body().write(WireJson.compact(message).getBytes(StandardCharsets.UTF_8));
        client.flush();
    }
}
