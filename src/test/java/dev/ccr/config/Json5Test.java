package dev.ccr.config;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The JSON5 that CCR users write. */
class Json5Test {
    @Test
    @Tag("ccr-11.46")
    void commentsTrailingCommasAndUnquotedKeysLoad() throws Exception {
        JsonNode node = Json5.parse("""
                // my router
                {
                  PORT: 3456, /* block comment */
                  'HOST': '127.0.0.1',
                  Providers: [ { name: "p", models: ["m",], }, ],
                  ratio: .5, plus: +1,
                }
                """);
        assertThat(node.get("PORT").asInt()).isEqualTo(3456);
        assertThat(node.get("HOST").asText()).isEqualTo("127.0.0.1");
        assertThat(node.get("Providers").get(0).get("models").size()).isEqualTo(1);
        assertThat(node.get("ratio").asDouble()).isEqualTo(0.5);
        assertThat(node.get("plus").asInt()).isEqualTo(1);
    }

    @Test
    void aSyntaxErrorNamesTheLine() {
        assertThatThrownBy(() -> Json5.parse("{\n  \"a\": 1\n  \"b\": 2\n}"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("line: 3");
    }

    @Test
    void writesPrettyJsonLaidOutAsJavaScriptDoes() throws Exception {
        assertThat(Json5.pretty(Json5.parse("{a:1,b:[1,{c:2}],e:[],o:{}}")))
                .isEqualTo("{\n  \"a\": 1,\n  \"b\": [\n    1,\n    {\n      \"c\": 2\n    }\n  ],\n  \"e\": [],\n  \"o\": {}\n}\n");
    }
}
