package dev.ccr.config;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code $VAR} and {@code ${VAR}} interpolation and its corner cases (docs/configuration.md). */
class EnvInterpolationTest {
    private final EnvInterpolation env = EnvInterpolation.of(Map.of("OPENAI_KEY", "abc", "my.var", "dotted", "EMPTY", ""));

    @Test
    @Tag("ccr-11.47")
    void bothPlaceholderFormsAreReplacedEverywhereButKeys() throws Exception {
        JsonNode out = env.apply(Json5.parse("""
                {"api_key": "$OPENAI_KEY", "b": "${OPENAI_KEY}", "c": "x-$OPENAI_KEY-${OPENAI_KEY}",
                 "d": "$NOPE", "e": "$lower", "$OPENAI_KEY": [{"deep": ["$OPENAI_KEY"]}], "n": 5}"""));
        assertThat(out.get("api_key").asText()).isEqualTo("abc");
        assertThat(out.get("b").asText()).isEqualTo("abc");
        assertThat(out.get("c").asText()).isEqualTo("x-abc-abc");
        assertThat(out.get("d").asText()).isEqualTo("$NOPE");
        assertThat(out.get("e").asText()).isEqualTo("$lower");
        assertThat(out.get("$OPENAI_KEY").get(0).get("deep").get(0).asText()).isEqualTo("abc");
        assertThat(out.get("n").asInt()).isEqualTo(5);
    }

    @Test
    void bracedNamesMayHoldAnyCharacterButABrace() {
        assertThat(env.replace("${my.var}")).isEqualTo("dotted");
    }

    @Test
    void emptyVariablesLeaveThePlaceholderAsCcrDoes() {
        assertThat(env.replace("$EMPTY and ${EMPTY}")).isEqualTo("$EMPTY and ${EMPTY}");
    }

    @Test
    void namesAreGreedyAndValuesAreNotExpandedAgain() {
        EnvInterpolation e = EnvInterpolation.of(Map.of("A", "$B", "B", "no"));
        assertThat(e.replace("$A")).isEqualTo("$B");
        assertThat(env.replace("$OPENAI_KEYX")).isEqualTo("$OPENAI_KEYX");
        assertThat(env.replace("$$OPENAI_KEY")).isEqualTo("$abc");
    }

    @Test
    void theInputTreeIsNotChanged() throws Exception {
        JsonNode in = Json5.parse("{\"k\": \"$OPENAI_KEY\"}");
        env.apply(in);
        assertThat(in.get("k").asText()).isEqualTo("$OPENAI_KEY");
    }
}
