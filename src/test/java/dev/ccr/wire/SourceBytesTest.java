package dev.ccr.wire;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SourceBytesTest {
    private static final String CLIENT_BODY = """
            { "model" : "claude-sonnet-4-5", "max_tokens": 32000, "stream" : true, "temperature": 1.5e0,
              "metadata": null,
              "messages" : [ {"role": "user", "content": "caf\\u00e9 \\ud83d\\ude00 ,]}"} ],
              "tools": [{"name":"Bash","input_schema":{"type":"object","properties":{}}}],
              "system": [{"type":"text","text":"x"}] }""";

    private static SourceBytes parse(String json) throws IOException {
        return SourceBytes.parseObject(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String write(ObjectNode tree, SourceBytes source) {
        JsonBytes bytes = JsonBytes.of(tree, source, 0);
        return new String(Arrays.copyOf(bytes.array(), bytes.length()), StandardCharsets.UTF_8);
    }

    @Test
    void theTreeIsWhatTheMapperWouldHaveRead() throws Exception {
        assertThat(parse(CLIENT_BODY).tree()).isEqualTo(WireJson.MAPPER.readTree(CLIENT_BODY));
        assertThat(parse("{\"a\":1,\"a\":[2]}").tree()).isEqualTo(WireJson.MAPPER.readTree("{\"a\":[2]}"));
        assertThat(parse(" {} ").tree()).isEmpty();
    }

    @Test
    void arraysAndObjectsNobodyChangedGoOutAsTheyCame() throws Exception {
        SourceBytes source = parse(CLIENT_BODY);
        ObjectNode copy = source.tree().objectNode().setAll(source.tree());
        copy.put("model", "glm-5");

        assertThat(write(copy, source)).isEqualTo("""
                {"model":"glm-5","max_tokens":32000,"stream":true,"temperature":1.5,"metadata":null,\
                "messages":[ {"role": "user", "content": "caf\\u00e9 \\ud83d\\ude00 ,]}"} ],\
                "tools":[{"name":"Bash","input_schema":{"type":"object","properties":{}}}],\
                "system":[{"type":"text","text":"x"}]}""");
    }

    @Test
    void aValueReplacedOrChangedInPlaceIsWrittenFromTheTree() throws Exception {
        SourceBytes source = parse(CLIENT_BODY);
        ObjectNode body = source.tree();
        body.set("system", ((ArrayNode) body.get("system")).deepCopy().add("y"));
        ((ObjectNode) body.get("messages").get(0)).put("content", "edited");
        source.forget(body.get("messages"));

        String written = write(body, source);

        assertThat(WireJson.MAPPER.readTree(written)).isEqualTo(body);
        assertThat(written).contains("\"messages\":[{\"role\":\"user\",\"content\":\"edited\"}]")
                .contains("\"system\":[{\"type\":\"text\",\"text\":\"x\"},\"y\"]")
                .contains("\"tools\":[{\"name\":\"Bash\",\"input_schema\":{\"type\":\"object\",\"properties\":{}}}]");
    }

    @Test
    void withoutSourceEverythingIsWrittenCompact() throws Exception {
        ObjectNode tree = (ObjectNode) WireJson.MAPPER.readTree(CLIENT_BODY);
        assertThat(write(tree, SourceBytes.NONE))
                .isEqualTo(new String(WireJson.MAPPER.writeValueAsBytes(tree), StandardCharsets.UTF_8));
    }

    @Test
    void jsonThatIsNotAnObjectIsNoneAndBrokenJsonIsAnError() throws Exception {
        assertThat(parse("[1, 2]")).isNull();
        assertThat(parse("\"text\"")).isNull();
        assertThat(parse("")).isNull();
        assertThatThrownBy(() -> parse("[1, 2")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> parse("{\"messages\": [1, 2]")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> parse("{\"messages\" [1]}")).isInstanceOf(IOException.class);
    }
}
