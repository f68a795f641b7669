package dev.ccr.transform.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The built-in {@code reasoning}: the request-side switches. */
class ReasoningTransformerTest {
    private static JsonNode sent(String options, String body) throws Exception {
        return Chains.run("reasoning", options, body, "application/json", "{}").sent().body();
    }

    @Test
    void reasoningRequestEnablesThinking() throws Exception {
        JsonNode out = sent(null, "{\"reasoning\":{\"effort\":\"high\",\"enabled\":true,\"max_tokens\":2048}}");
        assertThat(out.get("thinking").toString()).isEqualTo("{\"type\":\"enabled\",\"budget_tokens\":2048}");
        assertThat(out.get("enable_thinking").asBoolean()).isTrue();
        assertThat(out.has("reasoning")).isTrue();

        JsonNode noBudget = sent("{\"enable\":true}", "{\"reasoning\":{\"effort\":\"low\",\"enabled\":true}}");
        assertThat(noBudget.get("thinking").toString()).isEqualTo("{\"type\":\"enabled\"}");
    }

    @Test
    void withoutReasoningNothingChanges() throws Exception {
        assertThat(sent(null, "{\"model\":\"m\"}").toString()).isEqualTo("{\"model\":\"m\"}");
    }

    @Test
    void enableFalseAlwaysDisablesThinking() throws Exception {
        JsonNode out = sent("{\"enable\":false}", "{\"reasoning\":{\"effort\":\"high\",\"enabled\":true}}");
        assertThat(out.get("thinking").toString()).isEqualTo("{\"type\":\"disabled\",\"budget_tokens\":-1}");
        assertThat(out.get("enable_thinking").asBoolean()).isFalse();
        assertThat(sent("{\"enable\":false}", "{}").get("enable_thinking").asBoolean()).isFalse();
    }
}
