package dev.ccr.transform.builtin;

import dev.ccr.transform.HeaderList;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The built-in {@code cerebras}. */
class CerebrasTransformerTest {
    @Test
    void reasoningIsRemovedAndTheProviderKeyAndJsonTypeAreForced() throws Exception {
        HeaderList headers = HeaderList.EMPTY.with("authorization", "Bearer client").with("content-type", "text/plain");
        Chains.Outcome out = Chains.run("cerebras", null, headers, "{\"model\":\"m\",\"reasoning\":{\"effort\":\"high\"}}",
                "application/json", "{}");
        assertThat(out.sent().body().toString()).isEqualTo("{\"model\":\"m\"}");
        assertThat(out.sent().headers().get("Authorization")).contains("Bearer provider-key");
        assertThat(out.sent().headers().get("Content-Type")).contains("application/json");
        assertThat(out.sent().headers().entries()).hasSize(2);
    }

    @Test
    void withoutReasoningDisableReasoningIsSetFalseAsInCcr() throws Exception {
        Chains.Outcome out = Chains.run("cerebras", null, "{\"model\":\"m\"}", "application/json", "{}");
        assertThat(out.sent().body().toString()).isEqualTo("{\"model\":\"m\",\"disable_reasoning\":false}");
    }
}
