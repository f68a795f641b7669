package dev.ccr.wire.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChatToResponsesRequestTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode convert(String chat) throws Exception {
        return ChatToResponsesRequest.convert((ObjectNode) JSON.readTree(chat));
    }

    @Test
    void messagesToolsAndLimitsBecomeAResponsesBody() throws Exception {
        JsonNode body = convert("""
                {"model":"gpt-5-codex","stream":true,"max_tokens":2000,"temperature":0.7,"stream_options":{"include_usage":true},
                 "reasoning":{"effort":"medium","enabled":true},
                 "messages":[
                   {"role":"system","content":[{"type":"text","text":"You are Claude Code."}]},
                   {"role":"system","content":"Be brief."},
                   {"role":"user","content":[{"type":"text","text":"Look"},
                                             {"type":"image_url","image_url":{"url":"data:image/png;base64,AAA"}}]},
                   {"role":"assistant","content":"Reading.","tool_calls":[
                      {"id":"call_1","type":"function","function":{"name":"Read","arguments":"{\\"p\\":1}"}}]},
                   {"role":"tool","tool_call_id":"call_1","content":[{"type":"text","text":"file body"}]},
                   {"role":"user","content":"thanks"}],
                 "tools":[{"type":"function","function":{"name":"Read","description":"Reads","parameters":{"type":"object","properties":{"p":{"type":"integer"}}}}},
                          {"type":"function","function":{"name":"web_search","description":"Search"}}],
                 "tool_choice":{"type":"function","function":{"name":"Read"}}}""");

        assertThat(body.get("model").asText()).isEqualTo("gpt-5-codex");
        assertThat(body.get("instructions").asText()).isEqualTo("You are Claude Code.\n\nBe brief.");
        assertThat(body.has("messages")).isFalse();
        assertThat(body.has("temperature")).isFalse();
        assertThat(body.has("max_tokens")).isFalse();
        assertThat(body.has("stream_options")).isFalse();
        assertThat(body.get("max_output_tokens").asInt()).isEqualTo(2000);
        assertThat(body.get("stream").asBoolean()).isTrue();
        assertThat(body.get("store").asBoolean()).isFalse();
        assertThat(body.at("/reasoning/effort").asText()).isEqualTo("medium");
        assertThat(body.at("/reasoning/summary").asText()).isEqualTo("detailed");

        JsonNode input = body.get("input");
        assertThat(input).hasSize(5);
        assertThat(input.at("/0/type").asText()).isEqualTo("message");
        assertThat(input.at("/0/role").asText()).isEqualTo("user");
        assertThat(input.at("/0/content/0/type").asText()).isEqualTo("input_text");
        assertThat(input.at("/0/content/0/text").asText()).isEqualTo("Look");
        assertThat(input.at("/0/content/1/type").asText()).isEqualTo("input_image");
        assertThat(input.at("/0/content/1/image_url").asText()).isEqualTo("data:image/png;base64,AAA");
        assertThat(input.at("/1/role").asText()).isEqualTo("assistant");
        assertThat(input.at("/1/content/0/type").asText()).isEqualTo("output_text");
        assertThat(input.at("/1/content/0/text").asText()).isEqualTo("Reading.");
        assertThat(input.at("/2/type").asText()).isEqualTo("function_call");
        assertThat(input.at("/2/call_id").asText()).isEqualTo("call_1");
        assertThat(input.at("/2/name").asText()).isEqualTo("Read");
        assertThat(input.at("/2/arguments").asText()).isEqualTo("{\"p\":1}");
        assertThat(input.at("/3/type").asText()).isEqualTo("function_call_output");
        assertThat(input.at("/3/call_id").asText()).isEqualTo("call_1");
        assertThat(input.at("/3/output").asText()).isEqualTo("file body");
        assertThat(input.at("/4/content/0/text").asText()).isEqualTo("thanks");

        JsonNode tools = body.get("tools");
        assertThat(tools).hasSize(2);
        assertThat(tools.at("/0/type").asText()).isEqualTo("function");
        assertThat(tools.at("/0/name").asText()).isEqualTo("Read");
        assertThat(tools.at("/0/description").asText()).isEqualTo("Reads");
        assertThat(tools.at("/0/parameters/properties/p/type").asText()).isEqualTo("integer");
        assertThat(tools.get(1).toString()).isEqualTo("{\"type\":\"web_search\"}");
        assertThat(body.get("tool_choice").toString()).isEqualTo("{\"type\":\"function\",\"name\":\"Read\"}");
    }

    @Test
    void reasoningNoneOrDisabledIsNotSentAndToolChoiceStringsPass() throws Exception {
        String tools = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"A\"}}]";
        JsonNode none = convert("{\"model\":\"m\",\"reasoning\":{\"effort\":\"none\"},\"tool_choice\":\"required\"," + tools
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(none.has("reasoning")).isFalse();
        assertThat(none.get("tool_choice").asText()).isEqualTo("required");
        assertThat(none.at("/tools/0/parameters/type").asText()).isEqualTo("object");
        assertThat(none.has("stream")).isFalse();
        assertThat(none.has("instructions")).isFalse();

        JsonNode disabled = convert("{\"reasoning\":{\"effort\":\"high\",\"enabled\":false},\"messages\":[]}");
        assertThat(disabled.has("reasoning")).isFalse();

        JsonNode effort = convert("{\"reasoning_effort\":\"low\",\"max_completion_tokens\":9,\"messages\":[]}");
        assertThat(effort.at("/reasoning/effort").asText()).isEqualTo("low");
        assertThat(effort.get("max_output_tokens").asInt()).isEqualTo(9);
        assertThat(effort.has("tool_choice")).isFalse();
    }

    @Test
    void theInputIsNotModified() throws Exception {
        ObjectNode chat = (ObjectNode) JSON.readTree("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        String before = chat.toString();
        ChatToResponsesRequest.convert(chat);
        assertThat(chat.toString()).isEqualTo(before);
    }
}
