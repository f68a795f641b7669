package dev.ccr.metrics;

import dev.ccr.testing.RunningRouter;
import dev.ccr.testing.Upstreams;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /metrics} after real requests through a real ccr, in Prometheus' text format. */
class MetricsEndpointTest {
    private static final String ANSWER = """
            {"id":"c1","model":"m","choices":[{"message":{"role":"assistant","content":"hi"},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":12,"completion_tokens":7}}""";
    private static final String REQUEST = "{\"model\":\"claude-sonnet-4\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @Test
    void requestsErrorsTokensDurationsAndCircuitsAreExposed() throws Exception {
        try (MockWebServer upstream = Upstreams.mock();
             RunningRouter router = RunningRouter.start(Upstreams.standardConfig(Upstreams.url(upstream, "/v1/chat/completions")))) {
            upstream.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(ANSWER).build());
            upstream.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(ANSWER).build());
            upstream.enqueue(new MockResponse.Builder().code(429).body("{\"error\":{\"message\":\"slow\"}}").build());
            assertThat(router.post("/v1/messages", REQUEST).statusCode()).isEqualTo(200);
            assertThat(router.post("/v1/messages", REQUEST).statusCode()).isEqualTo(200);
            assertThat(router.post("/v1/messages", REQUEST).statusCode()).isEqualTo(429);

            HttpResponse<String> response = router.get("/metrics");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
            String text = response.body();
            String where = "gen_ai_operation_name=\"chat\",gen_ai_provider_name=\"p\",gen_ai_request_model=\"m\"";
            assertThat(text)
                    .contains("ccr_requests_total{ccr_client_key=\"\",ccr_scenario=\"default\"," + where + ",outcome=\"success\"} 2.0")
                    .contains("ccr_requests_total{ccr_client_key=\"\",ccr_scenario=\"default\"," + where + ",outcome=\"error\"} 1.0")
                    .contains("ccr_errors_total{ccr_scenario=\"default\",error_type=\"rate_limit_error\"," + where + "} 1.0")
                    .contains("ccr_attempt_failures_total{error_type=\"rate_limit_error\",gen_ai_provider_name=\"p\",gen_ai_request_model=\"m\"} 1.0")
                    .contains("gen_ai_client_token_usage_sum{ccr_scenario=\"default\"," + where + ",gen_ai_token_type=\"input\"} 24.0")
                    .contains("gen_ai_client_token_usage_sum{ccr_scenario=\"default\"," + where + ",gen_ai_token_type=\"output\"} 14.0")
                    .contains("gen_ai_client_token_usage_bucket{ccr_scenario=\"default\"," + where + ",gen_ai_token_type=\"output\",le=\"16.0\"} 2")
                    .contains("ccr_tokens_total{ccr_scenario=\"default\"," + where + ",type=\"output\"} 14.0")
                    .contains("gen_ai_client_operation_duration_seconds_count{ccr_scenario=\"default\",error_type=\"rate_limit_error\"," + where + "} 1")
                    .contains("gen_ai_client_operation_duration_seconds_count{ccr_scenario=\"default\",error_type=\"\"," + where + "} 2")
                    .contains("gen_ai_client_operation_duration_seconds_bucket{")
                    .contains("gen_ai_server_time_to_first_token_seconds_count{ccr_scenario=\"default\"," + where + "} 2")
                    .contains("ccr_request_overhead_seconds_count 3")
                    .contains("ccr_requests_active 0.0")
                    .contains("ccr_streams_active 0.0")
                    .contains("ccr_circuit_state{model=\"m\",provider=\"p\",state=\"closed\"} ")
                    .contains("ccr_circuit_state{model=\"m\",provider=\"p\",state=\"open\"} ")
                    .contains("ccr_circuit_state{model=\"m\",provider=\"p\",state=\"half-open\"} 0.0")
                    .contains("ccr_circuit_transitions_total{model=\"m\",provider=\"p\",to=\"rate-limited\"} 1.0")
                    .doesNotContain("\"k\"");
        }
    }

    @Test
    void aRequestWaitingOnItsProviderIsInFlightUntilItEnds() throws Exception {
        try (MockWebServer upstream = Upstreams.mock();
             RunningRouter router = RunningRouter.start(Upstreams.standardConfig(Upstreams.url(upstream, "/v1/chat/completions")))) {
            CountDownLatch arrived = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            upstream.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                    arrived.countDown();
                    release.await(10, TimeUnit.SECONDS);
                    return new MockResponse.Builder().addHeader("Content-Type", "application/json").body(ANSWER).build();
                }
            });
            CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> router.post("/v1/messages", REQUEST).statusCode());
            assertThat(arrived.await(10, TimeUnit.SECONDS)).isTrue(); // the provider has it; ccr waits on the answer

            assertThat(router.get("/metrics").body()).contains("ccr_requests_active 1.0");
            assertThat(router.get("/api/usage/live").body()).contains("\"requestsInFlight\":1");
            release.countDown();
            assertThat(status.get(10, TimeUnit.SECONDS)).isEqualTo(200);
            assertThat(router.get("/metrics").body()).contains("ccr_requests_active 0.0");
        }
    }

    @Test
    void withAnApiKeyTheMetricsNeedItLikeTheAdminApi() {
        try (RunningRouter router = RunningRouter.start("{\"APIKEY\":\"sekret\",\"Providers\":[],\"Router\":{}}")) {
            assertThat(router.get("/metrics").statusCode()).isEqualTo(401);
            assertThat(router.get("/metrics", "x-api-key", "sekret").statusCode()).isEqualTo(200);
        }
    }
}
