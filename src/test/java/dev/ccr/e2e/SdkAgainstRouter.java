package dev.ccr.e2e;

import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.services.blocking.MessageService;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccr.testing.Upstreams;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

/**
 * The official Anthropic Java SDK pointed at a real ccr whose one provider ({@code p,m}) is an OpenAI-dialect
 * MockWebServer: what a user of the SDK would run, with the provider scripted and inspected by the test.
 */
final class SdkAgainstRouter implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    final MockWebServer upstream;
    final SdkClient sdk;

    private SdkAgainstRouter(MockWebServer upstream, SdkClient sdk) {
        this.upstream = upstream;
        this.sdk = sdk;
    }

    /** Starts a MockWebServer provider, a ccr routing every request to it, and an SDK client for that ccr. */
    static SdkAgainstRouter start() {
        MockWebServer upstream = Upstreams.mock();
        try {
            return new SdkAgainstRouter(upstream, SdkClient.forProvider(Upstreams.url(upstream, "/v1/chat/completions")));
        } catch (RuntimeException e) {
            upstream.close();
            throw e;
        }
    }

    /** The SDK's messages API, served by ccr. */
    MessageService messages() {
        return sdk.messages();
    }

    /** Sends {@code params} as a streaming call and returns the message the SDK's accumulator makes of it. */
    Message stream(MessageCreateParams params) {
        return sdk.stream(params);
    }

    /* --------------- Scripting the provider --------------- */

    /** The provider answers with this chat completion JSON. */
    void answerJson(String completion) {
        upstream.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(completion).build());
    }

    /** The provider streams these chunks, each a JSON object sent as one {@code data:} event, then {@code [DONE]}. */
    void answerStream(String... chunks) {
        StringBuilder body = new StringBuilder();
        for (String chunk : chunks) {
            body.append("data: ").append(chunk.strip().replace("\n", "")).append("\n\n");
        }
        body.append("data: [DONE]\n\n");
        upstream.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/event-stream").body(body.toString()).build());
    }

    /**
     * The provider answers every request with this HTTP error, however often ccr tries it (its same-target retry and
     * fallbacks are ccr's business, not what these tests are about).
     */
    void failEveryRequest(int status, String body) {
        MockResponse error = new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json").body(body).build();
        upstream.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return error;
            }
        });
    }

    /* --------------- Inspecting what the provider received --------------- */

    /** The next request the provider received, waiting a little for it. */
    RecordedRequest takeRequest() {
        try {
            RecordedRequest request = upstream.takeRequest(10, TimeUnit.SECONDS);
            if (request == null) {
                throw new AssertionError("the provider received no request");
            }
            return request;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The body of the next request the provider received. */
    JsonNode received() {
        return json(takeRequest().getBody().utf8());
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        sdk.close();
        upstream.close();
    }
}
