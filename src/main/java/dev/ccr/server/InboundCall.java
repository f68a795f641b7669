package dev.ccr.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.client.ApiError;
import dev.ccr.imageagent.ImageAgent;
import dev.ccr.pipeline.MessagesPipeline;
import dev.ccr.wire.BadRequestException;
import dev.ccr.wire.StreamConverter;
import dev.ccr.wire.WireJson;
import io.undertow.server.HttpServerExchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * One call of a client of another dialect, the same for every such endpoint: read its body, convert it into an
 * Anthropic request, hand that to the same pipeline {@code /v1/messages} uses (routing, resilience, transformers,
 * usage records), and convert the answer back through a {@link ConvertingResponse}. Errors before the answer are
 * thrown as {@code ApiException}s, which {@link Responses} renders in the client's shape.
 */
final class InboundCall {
    private InboundCall() {
    }

    /** What an endpoint converts: the request in, and the answer out. */
    record Conversion(ObjectNode anthropic, Optional<ConvertingResponse.Framing> streaming,
                      UnaryOperator<ObjectNode> answer, StreamConverter events) {
    }

    /** Reads the body as a JSON object, or refuses it with a 400 that says why. */
    static ObjectNode readObject(HttpServerExchange exchange, long bodyLimit) throws IOException {
        byte[] raw = Bodies.read(exchange, bodyLimit);
        JsonNode node;
        try {
            node = WireJson.MAPPER.readTree(raw);
        } catch (IOException e) {
            String message = String.valueOf(e.getMessage());
            int newline = message.indexOf('\n');
            throw ApiError.invalidRequest("Request body is not valid JSON: "
                    + (newline < 0 ? message : message.substring(0, newline))).exception();
        }
        if (!(node instanceof ObjectNode object)) {
            throw ApiError.invalidRequest("Request body must be a JSON object").exception();
        }
        return object;
    }

    /** Runs {@code convert}, turning what it refuses into a 400 with its message. */
    static <T> T convert(Function<ObjectNode, T> convert, ObjectNode body) {
        try {
            return convert.apply(body);
        } catch (BadRequestException e) {
            throw ApiError.invalidRequest(e.getMessage()).exception();
        }
    }

    /** The client's request with {@code anthropic} as its body. */
    static ConvertedRequest converted(HttpServerExchange exchange, ObjectNode anthropic) {
        return new ConvertedRequest(new UndertowClientRequest(exchange, new byte[0]),
                WireJson.compact(anthropic).getBytes(StandardCharsets.UTF_8));
    }

    /** Hands the converted request to the pipeline and ends the client's answer. */
    static void forward(HttpServerExchange exchange, MessagesPipeline pipeline, Conversion conversion)
            throws IOException {
        ConvertedRequest request = converted(exchange, conversion.anthropic());
        ConvertingResponse response = new ConvertingResponse(new UndertowClientResponse(exchange),
                conversion.streaming(), conversion.answer(), conversion.events(),
                ErrorShape.forPath(exchange.getRequestPath()));
        ImageAgent.handle(pipeline, request, response);
        try {
            response.finish();
        } catch (IOException clientGone) {
            SafeBlockingExchange.end(exchange);
        }
    }
}
