package dev.ccr.pipeline;

import dev.ccr.client.ClientResponse;
import dev.ccr.routing.Target;
import dev.ccr.testing.PlainClientRequest;
import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.Upstreams;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A failure nobody foresaw still ends the request for its listeners: the in-flight gauge falls back. */
class UnexpectedFailureTest {
    /** A client request whose admission check fails with a plain bug, after routing. */
    private static final class Buggy extends PlainClientRequest {
        Buggy(String body) {
            super("/v1/messages", body);
        }

        @Override
        public void admit(Target routed) {
            throw new IllegalStateException("a bug");
        }
    }

    @Test
    void aBugInTheMiddleOfARequestStillEndsItForTheListeners() {
        try (RunningRouter router = RunningRouter.start(Upstreams.standardConfig("http://127.0.0.1:9/v1/chat/completions"))) {
            MessagesPipeline pipeline = router.app().runtime().pipeline();
            ClientResponse nowhere = new ClientResponse() {
                private final ByteArrayOutputStream body = new ByteArrayOutputStream();

                @Override
                public void start(int status, List<Map.Entry<String, String>> headers) {
                }

                @Override
                public boolean isStarted() {
                    return false;
                }

                @Override
                public OutputStream body() {
                    return body;
                }
            };
            String request = "{\"model\":\"x\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

            assertThatThrownBy(() -> pipeline.handle(new Buggy(request), nowhere)).isInstanceOf(IllegalStateException.class);

            assertThat(router.get("/metrics").body()).contains("ccr_requests_active 0.0")
                    .contains("error_type=\"api_error\"");
        }
    }
}
