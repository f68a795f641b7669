package dev.ccr.wire.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChatToGeminiRequestTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode convert(String chat) throws Exception {
        return ChatToGeminiRequest.convert((ObjectNode) JSON.readTree(chat));
    }

    @Test
    void messagesBecomeContentsWithSystemInstruction() throws Exception {
        JsonNode out = convert("""
                {"model":"gemini-2.5-pro","stream":true,"messages":[
                  {"role":"system","content":"Be brief."},
                  {"role":"user","content":[{"type":"text","text":"look"},
                     {"type":"image_url","image_url":{"url":"data:image/jpeg;base64,QUJD"}}]},
                  {"role":"assistant","content":"Reading.","tool_calls":[
                     {"id":"toolu_1","type":"function","function":{"name":"Read","arguments":"{\\"path\\":\\"a.txt\\"}"}}]},
                  {"role":"tool","tool_call_id":"toolu_1","content":"hello"},
                  {"role":"user","content":"thanks"},
                  {"role":"system","content":"Later note."}]}""");

        assertThat(out.has("model")).isFalse();
        assertThat(out.has("stream")).isFalse();
        assertThat(out.at("/systemInstruction/parts/0/text").asText()).isEqualTo("Be brief.\n\nLater note.");
        JsonNode contents = out.get("contents");
        assertThat(contents).hasSize(3);
        assertThat(contents.at("/0/role").asText()).isEqualTo("user");
        assertThat(contents.at("/0/parts/0/text").asText()).isEqualTo("look");
        assertThat(contents.at("/0/parts/1/inlineData/mimeType").asText()).isEqualTo("image/jpeg");
        assertThat(contents.at("/0/parts/1/inlineData/data").asText()).isEqualTo("QUJD");
        assertThat(contents.at("/1/role").asText()).isEqualTo("model");
        assertThat(contents.at("/1/parts/0/text").asText()).isEqualTo("Reading.");
        assertThat(contents.at("/1/parts/1/functionCall/name").asText()).isEqualTo("Read");
        assertThat(contents.at("/1/parts/1/functionCall/args/path").asText()).isEqualTo("a.txt");
        // the tool result and the user's next text form one user turn
        assertThat(contents.at("/2/role").asText()).isEqualTo("user");
        assertThat(contents.at("/2/parts/0/functionResponse/name").asText()).isEqualTo("Read");
        assertThat(contents.at("/2/parts/0/functionResponse/response/result").asText()).isEqualTo("hello");
        assertThat(contents.at("/2/parts/1/text").asText()).isEqualTo("thanks");
    }

    @Test
    void thinkingSignatureGoesBackOnTheFirstFunctionCall() throws Exception {
        JsonNode out = convert("""
                {"model":"gemini-3-pro-preview","messages":[{"role":"user","content":"q"},
                  {"role":"assistant","content":"","thinking":{"content":"t","signature":"sig"},"tool_calls":[
                     {"id":"a","type":"function","function":{"name":"A","arguments":"{}"}},
                     {"id":"b","type":"function","function":{"name":"B","arguments":"not json"}}]}]}""");
        assertThat(out.at("/contents/1/parts/0/thoughtSignature").asText()).isEqualTo("sig");
        assertThat(out.at("/contents/1/parts/1").has("thoughtSignature")).isFalse();
        assertThat(out.at("/contents/1/parts/1/functionCall/args").isObject()).isTrue();
    }

    @Test
    void toolsWebSearchAndToolChoice() throws Exception {
        JsonNode out = convert("""
                {"model":"m","messages":[{"role":"user","content":"q"}],
                 "tools":[{"type":"function","function":{"name":"Edit","description":"edits","parameters":{
                     "$schema":"http://json-schema.org/draft-07/schema#","type":"object","additionalProperties":false,
                     "properties":{"n":{"type":"integer","exclusiveMinimum":0},"mode":{"type":["string","null"],"enum":["a","b"]},
                       "list":{"type":"array","items":{"type":"string","format":"uri"}}},
                     "required":["n","ghost"]}}},
                   {"type":"function","function":{"name":"web_search"}}],
                 "tool_choice":{"type":"function","function":{"name":"Edit"}}}""");
        JsonNode declaration = out.at("/tools/0/functionDeclarations/0");
        assertThat(declaration.get("name").asText()).isEqualTo("Edit");
        assertThat(declaration.get("description").asText()).isEqualTo("edits");
        JsonNode params = declaration.get("parameters");
        assertThat(params.has("$schema")).isFalse();
        assertThat(params.has("additionalProperties")).isFalse();
        assertThat(params.at("/properties/n").has("exclusiveMinimum")).isFalse();
        assertThat(params.at("/properties/mode/type").asText()).isEqualTo("string");
        assertThat(params.at("/properties/mode/nullable").asBoolean()).isTrue();
        assertThat(params.at("/properties/mode/enum/1").asText()).isEqualTo("b");
        assertThat(params.at("/properties/list/items").has("format")).isFalse();
        assertThat(params.get("required").toString()).isEqualTo("[\"n\"]");
        assertThat(out.at("/tools/1/googleSearch").isObject()).isTrue();
        assertThat(out.get("tools")).hasSize(2);
        assertThat(out.at("/toolConfig/functionCallingConfig/mode").asText()).isEqualTo("ANY");
        assertThat(out.at("/toolConfig/functionCallingConfig/allowedFunctionNames/0").asText()).isEqualTo("Edit");

        assertThat(convert("""
                {"messages":[],"tools":[{"type":"function","function":{"name":"f"}}],"tool_choice":"required"}""")
                .at("/toolConfig/functionCallingConfig/mode").asText()).isEqualTo("ANY");
        assertThat(convert("""
                {"messages":[],"tools":[{"type":"function","function":{"name":"f"}}],"tool_choice":"none"}""")
                .at("/toolConfig/functionCallingConfig/mode").asText()).isEqualTo("NONE");
        // web search alone: no function calling config
        assertThat(convert("""
                {"messages":[],"tools":[{"type":"function","function":{"name":"web_search"}}],"tool_choice":"auto"}""")
                .has("toolConfig")).isFalse();
    }

    @Test
    void generationConfigAndThinking() throws Exception {
        JsonNode out = convert("""
                {"model":"gemini-2.5-flash","messages":[{"role":"user","content":"q"}],"max_tokens":4096,
                 "temperature":0.5,"top_p":0.9,"stop":["END"],"reasoning":{"effort":"medium","enabled":true}}""");
        JsonNode config = out.get("generationConfig");
        assertThat(config.get("maxOutputTokens").asInt()).isEqualTo(4096);
        assertThat(config.get("temperature").asDouble()).isEqualTo(0.5);
        assertThat(config.get("topP").asDouble()).isEqualTo(0.9);
        assertThat(config.at("/stopSequences/0").asText()).isEqualTo("END");
        assertThat(config.at("/thinkingConfig/includeThoughts").asBoolean()).isTrue();
        assertThat(config.at("/thinkingConfig/thinkingBudget").asInt()).isEqualTo(8192);

        assertThat(convert("""
                {"model":"gemini-3-pro-preview","messages":[],"reasoning":{"effort":"low","enabled":true}}""")
                .at("/generationConfig/thinkingConfig/thinkingLevel").asText()).isEqualTo("low");
        assertThat(convert("""
                {"model":"gemini-2.5-pro","messages":[],"reasoning":{"effort":"none","enabled":true}}""")
                .has("generationConfig")).isFalse();
    }
}
