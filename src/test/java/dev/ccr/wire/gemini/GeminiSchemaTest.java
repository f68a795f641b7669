package dev.ccr.wire.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GeminiSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String clean(String schema) throws Exception {
        return GeminiSchema.clean(JSON.readTree(schema)).toString();
    }

    @Test
    void nullBranchesBecomeNullableAndConstBecomesEnum() throws Exception {
        assertThat(clean("""
                {"anyOf":[{"type":"string","const":"x"},{"type":"null"}]}"""))
                .isEqualTo("{\"nullable\":true,\"type\":\"string\",\"enum\":[\"x\"]}");
        assertThat(clean("""
                {"type":["integer","string"]}"""))
                .isEqualTo("{\"anyOf\":[{\"type\":\"integer\"},{\"type\":\"string\"}]}");
    }

    @Test
    void unknownKeysGoAtEveryDepthButPropertyNamesStay() throws Exception {
        JsonNode out = JSON.readTree(clean("""
                {"type":"object","$defs":{},"properties":{"additionalProperties":{"type":"object",
                  "properties":{"x":{"type":"number","exclusiveMaximum":3,"enum":[1,2]}},"propertyNames":{}}}}"""));
        assertThat(out.has("$defs")).isFalse();
        JsonNode inner = out.at("/properties/additionalProperties");
        assertThat(inner.get("type").asText()).isEqualTo("object");
        assertThat(inner.has("propertyNames")).isFalse();
        assertThat(inner.at("/properties/x").toString()).isEqualTo("{\"type\":\"number\"}");
    }

    @Test
    void emptyObjectSchemasAreRecognised() throws Exception {
        assertThat(GeminiSchema.isEmptyObject(JSON.readTree("{}"))).isTrue();
        assertThat(GeminiSchema.isEmptyObject(JSON.readTree("{\"type\":\"object\",\"properties\":{}}"))).isTrue();
        assertThat(GeminiSchema.isEmptyObject(JSON.readTree("{\"type\":\"object\",\"properties\":{\"a\":{}}}"))).isFalse();
    }
}
