package dev.ccr.wire.anthropic;

import static dev.ccr.wire.WireTestKit.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What Anthropic-dialect providers that are not Anthropic get of Claude Code's request. */
class AnthropicCompatTest {
    private static final String BETAS = "claude-code-20250219,interleaved-thinking-2025-05-14,"
            + "context-management-2025-06-27,per-turn-control-2026-07-01,effort-2025-11-24,"
            + "dangerous-tool-use-2026-09-03,afk-mode-2026-01-31";

    private static ObjectNode request() {
        return object("""
                {"model":"deepseek-chat","max_tokens":128000,"messages":[],
                 "system":[{"type":"text","text":"x-anthropic-billing-header: cc_version=2.1.332.0b8;"},
                   {"type":"text","text":"You are Claude Code."}],
                 "context_management":{"edits":[]},"safeguards":[{"type":"dangerous_tool_use"}],
                 "output_config":{"effort":"medium"},"thinking":{"type":"adaptive"}}""");
    }

    @Test
    void anthropicItselfGetsEverythingUnchanged() {
        ObjectNode body = request();
        AnthropicCompat.Strip strip = AnthropicCompat.forProvider("https://api.anthropic.com/v1/messages");
        assertThat(strip.applyTo(body, Optional.of(BETAS))).contains(BETAS);
        assertThat(body).isEqualTo(request());
    }

    @Test
    void otherProvidersLoseAnthropicOnlyFieldsFlagsAndTheBillingHeader() {
        ObjectNode body = request();
        Optional<String> betas = AnthropicCompat.forProvider("https://api.deepseek.com/anthropic")
                .applyTo(body, Optional.of(BETAS));
        assertThat(betas).contains("claude-code-20250219,interleaved-thinking-2025-05-14,effort-2025-11-24");
        assertThat(body.has("context_management")).isFalse();
        assertThat(body.has("safeguards")).isFalse();
        assertThat(body.has("output_config")).isTrue();
        assertThat(body.get("system")).hasSize(1);
    }

    @Test
    void aHostCcrDoesNotKnowGetsEverythingUntilItRefusesSomething() {
        ObjectNode body = request();
        AnthropicCompat.Strip strip = AnthropicCompat.forProvider("https://llm-gateway.example.com/anthropic");
        assertThat(strip).isEqualTo(AnthropicCompat.Strip.NOTHING);
        assertThat(strip.applyTo(body, Optional.of(BETAS))).contains(BETAS);
        assertThat(body).isEqualTo(request());
        assertThat(AnthropicCompat.forProvider("https://open.bigmodel.cn/api/anthropic").fields()).contains("safeguards");
        assertThat(AnthropicCompat.isAnthropic("https://api.deepseek.com/anthropic")).isFalse();
    }

    @Test
    void aValidationErrorListingSeveralFieldsNamesThemAll() {
        String fastapi = """
                {"detail":[{"type":"extra_forbidden","loc":["body","safeguards"],"msg":"Extra inputs are not permitted"},\
                {"type":"extra_forbidden","loc":["body","context_management"],"msg":"Extra inputs are not permitted"}]}""";
        assertThat(AnthropicCompat.learnFrom(422, fastapi, request()).orElseThrow().fields())
                .isEqualTo(Set.of("safeguards", "context_management"));
    }

    @Test
    void extraInputsNotPermittedNamesTheFieldToStripOnRetry() {
        String pydantic = """
                {"type":"error","error":{"type":"invalid_request_error","message":"[{'type': 'extra_forbidden', \
                'loc': ('body', 'output_config'), 'msg': 'Extra inputs are not permitted'}]"}}""";
        String fastapi = """
                {"detail":[{"type":"extra_forbidden","loc":["body","thinking"],"msg":"Extra inputs are not permitted"}]}""";
        String serde = "{\"error\":{\"message\":\"unknown field `safeguards`, expected one of `model`\"}}";
        String plain = "{\"error\":{\"message\":\"output_config: Extra inputs are not permitted\"}}";
        ObjectNode body = request();
        assertThat(AnthropicCompat.learnFrom(400, fastapi, body).orElseThrow().fields()).isEqualTo(Set.of("thinking"));
        assertThat(AnthropicCompat.learnFrom(400, serde, body).orElseThrow().fields()).isEqualTo(Set.of("safeguards"));
        assertThat(AnthropicCompat.learnFrom(400, plain, body).orElseThrow().fields()).isEqualTo(Set.of("output_config"));
        assertThat(AnthropicCompat.learnFrom(400, pydantic, body).orElseThrow().fields())
                .isEqualTo(Set.of("output_config"));
    }

    @Test
    void anUnsupportedBetaNamesTheFlagToStripOnRetry() {
        var strip = AnthropicCompat.learnFrom(400, """
                {"type":"error","error":{"type":"invalid_request_error",\
                "message":"Unexpected value(s) `effort-2025-11-24` for the `anthropic-beta` header."}}""", request())
                .orElseThrow();
        assertThat(strip.betas()).containsExactly("effort-2025-11-24");
        assertThat(strip.applyTo(request(), Optional.of("a-2025-01-01,effort-2025-11-24"))).contains("a-2025-01-01");
    }

    @Test
    void anErrorNamingNothingRemovableTeachesNothing() {
        assertThat(AnthropicCompat.learnFrom(400, "{\"error\":{\"message\":\"max_tokens too large\"}}", request()))
                .isEmpty();
        assertThat(AnthropicCompat.learnFrom(500, "Extra inputs are not permitted", request())).isEmpty();
    }
}
