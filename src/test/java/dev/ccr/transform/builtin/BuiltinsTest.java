package dev.ccr.transform.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccr.transform.TransformerRegistry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The built-in transformers' request halves, through a real chain. */
class BuiltinsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TransformerRegistry REGISTRY = Builtins.registry();

    private static JsonNode sent(String name, String options, String body) throws Exception {
        return Chains.run(name, options, body, "application/json", "{}").sent().body();
    }

    @Test
    @Tag("ccr-11.58")
    void maxtokenCapsOnlyLargerValues() throws Exception {
        assertThat(sent("maxtoken", "{\"max_tokens\":8192}", "{\"max_tokens\":32000}").get("max_tokens").asInt()).isEqualTo(8192);
        assertThat(sent("maxtoken", "{\"max_tokens\":8192}", "{\"max_tokens\":4000}").get("max_tokens").asInt()).isEqualTo(4000);
    }

    @Test
    @Tag("ccr-11.60")
    void openrouterMergesOptionsAndStripsCacheControlForNonClaudeModels() throws Exception {
        String body = "{\"model\":\"qwen/qwen3\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"x\",\"cache_control\":{\"type\":\"ephemeral\"}}]}]}";
        JsonNode out = sent("openrouter", "{\"provider\":{\"only\":[\"x\"]}}", body);
        assertThat(out.at("/provider/only/0").asText()).isEqualTo("x");
        assertThat(out.at("/messages/0/content/0").has("cache_control")).isFalse();

        JsonNode claude = sent("openrouter", "{}", body.replace("qwen/qwen3", "anthropic/claude-sonnet-5"));
        assertThat(claude.at("/messages/0/content/0").has("cache_control")).isTrue();
    }

    @Test
    @Tag("ccr-11.61")
    void streamoptionsAsksForUsageAndCleancacheRemovesCacheControl() throws Exception {
        assertThat(sent("streamoptions", null, "{\"stream\":true}").at("/stream_options/include_usage").asBoolean()).isTrue();
        assertThat(sent("streamoptions", null, "{\"stream\":false}").has("stream_options")).isFalse();
        JsonNode clean = sent("cleancache", null,
                "{\"messages\":[{\"role\":\"tool\",\"content\":\"r\",\"cache_control\":{}},{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"x\",\"cache_control\":{}}]}]}");
        assertThat(clean.toString()).doesNotContain("cache_control");
    }

    @Test
    @Tag("ccr-11.59")
    void deepseekCapsMaxTokensAt8192() throws Exception {
        assertThat(sent("deepseek", null, "{\"max_tokens\":64000}").get("max_tokens").asInt()).isEqualTo(8192);
    }

    @Test
    void samplingCapsAndOverwritesOnlyDefinedOptions() throws Exception {
        JsonNode out = sent("sampling", "{\"max_tokens\":100,\"temperature\":0.2}", "{\"max_tokens\":500,\"temperature\":1,\"top_p\":0.9}");
        assertThat(out.get("max_tokens").asInt()).isEqualTo(100);
        assertThat(out.get("temperature").asDouble()).isEqualTo(0.2);
        assertThat(out.get("top_p").asDouble()).isEqualTo(0.9);
    }

    @Test
    void customparamsAddsAndDeepMergesButNeverOverrides() throws Exception {
        JsonNode out = sent("customparams", "{\"temperature\":0.1,\"extra\":{\"a\":1,\"b\":2},\"top_k\":5}",
                "{\"temperature\":0.7,\"extra\":{\"a\":9}}");
        assertThat(out.get("temperature").asDouble()).isEqualTo(0.7);
        assertThat(out.get("extra").toString()).isEqualTo("{\"a\":9,\"b\":2}");
        assertThat(out.get("top_k").asInt()).isEqualTo(5);
    }

    @Test
    void maxcompletiontokensRenamesTheField() throws Exception {
        JsonNode out = sent("maxcompletiontokens", null, "{\"max_tokens\":10}");
        assertThat(out.has("max_tokens")).isFalse();
        assertThat(out.get("max_completion_tokens").asInt()).isEqualTo(10);
    }

    @Test
    void groqRemovesSchemaKeysFromToolParameters() throws Exception {
        JsonNode out = sent("groq", null, "{\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"R\",\"parameters\":{\"$schema\":\"x\",\"type\":\"object\"}}}]}");
        assertThat(out.at("/tools/0/function/parameters").toString()).isEqualTo("{\"type\":\"object\"}");
    }

    @Test
    void noreasoningRemovesTheReasoningFields() throws Exception {
        JsonNode out = sent("noreasoning", null, "{\"model\":\"m\",\"reasoning\":{\"effort\":\"high\",\"enabled\":true},\"reasoning_effort\":\"high\"}");
        assertThat(out.toString()).isEqualTo("{\"model\":\"m\"}");
    }
}
