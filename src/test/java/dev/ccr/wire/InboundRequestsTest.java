package dev.ccr.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.wire.gemini.GeminiToChatRequest;
import dev.ccr.wire.openai.ChatToAnthropicRequest;
import dev.ccr.wire.responses.ResponsesToChatRequest;
import org.junit.jupiter.api.Test;

import static dev.ccr.wire.WireTestKit.assertJson;
import static dev.ccr.wire.WireTestKit.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Requests of other dialects' clients turned into the Anthropic request the pipeline routes: OpenAI chat directly,
 * Responses and Gemini through chat form.
 */
class InboundRequestsTest {

    /* --------------- OpenAI chat → Anthropic --------------- */

    @Test
    void aChatConversationWithToolsBecomesAlternatingAnthropicTurns() {
        ObjectNode anthropic = ChatToAnthropicRequest.convert(object("""
                {"model":"gpt-4o","max_completion_tokens":300,"temperature":0.2,"stop":"END","stream":true,
                 "parallel_tool_calls":false,"tool_choice":"required",
                 "tools":[{"type":"function","function":{"name":"read","description":"Reads","parameters":{"type":"object"}}}],
                 "messages":[{"role":"system","content":"Be brief."},{"role":"developer","content":[{"type":"text","text":"Use tools."}]},
                   {"role":"user","content":[{"type":"text","text":"Look"},{"type":"image_url","image_url":{"url":"data:image/png;base64,AAA"}}]},
                   {"role":"assistant","content":null,"tool_calls":[
                      {"id":"c1","type":"function","function":{"name":"read","arguments":"{\\"p\\":1}"}},
                      {"id":"c2","type":"function","function":{"name":"read","arguments":"not json"}}]},
                   {"role":"tool","tool_call_id":"c1","content":"one"},
                   {"role":"tool","tool_call_id":"c2","content":"two"},
                   {"role":"user","content":"thanks"}]}"""));
        assertJson(anthropic, """
                {"model":"gpt-4o","max_tokens":300,"temperature":0.2,"stream":true,"stop_sequences":["END"],
                 "system":[{"type":"text","text":"Be brief."},{"type":"text","text":"Use tools."}],
                 "tools":[{"name":"read","description":"Reads","input_schema":{"type":"object"}}],
                 "tool_choice":{"type":"any","disable_parallel_tool_use":true},
                 "messages":[
                   {"role":"user","content":[{"type":"text","text":"Look"},
                      {"type":"image","source":{"type":"base64","media_type":"image/png","data":"AAA"}}]},
                   {"role":"assistant","content":[{"type":"tool_use","id":"c1","name":"read","input":{"p":1}},
                      {"type":"tool_use","id":"c2","name":"read","input":{"arguments":"not json"}}]},
                   {"role":"user","content":[{"type":"tool_result","tool_use_id":"c1","content":"one"},
                      {"type":"tool_result","tool_use_id":"c2","content":"two"},{"type":"text","text":"thanks"}]}]}""");
    }

    @Test
    void reasoningEffortBecomesAThinkingBudgetBelowMaxTokens() {
        ObjectNode anthropic = ChatToAnthropicRequest.convert(object("""
                {"model":"o3","reasoning_effort":"medium","max_tokens":1000,"messages":[{"role":"user","content":"hi"}]}"""));
        assertJson(anthropic.get("thinking"), "{\"type\":\"enabled\",\"budget_tokens\":8192}");
        assertThat(anthropic.path("max_tokens").asInt()).isEqualTo(8192 + 1024);
        assertThat(ChatToAnthropicRequest.convert(object("""
                {"model":"o3","messages":[{"role":"user","content":"hi"}]}""")).path("max_tokens").asInt())
                .isEqualTo(ChatToAnthropicRequest.DEFAULT_MAX_TOKENS);
    }

    @Test
    void chatRequestsNothingCanAnswerAreRefusedWithTheirPath() {
        assertThatThrownBy(() -> ChatToAnthropicRequest.convert(object("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("'model' is required");
        assertThatThrownBy(() -> ChatToAnthropicRequest.convert(object("""
                {"model":"m","messages":[{"role":"user","content":"x"},{"role":"assistant","tool_calls":[{"function":{}}]}]}""")))
                .hasMessage("messages[1].tool_calls[0].function.name is required");
    }

    /* --------------- Responses → chat --------------- */

    @Test
    void codexInputItemsBecomeChatMessages() {
        ObjectNode chat = ResponsesToChatRequest.convert(object("""
                {"model":"gpt-5-codex","instructions":"You are Codex.","stream":true,"store":false,
                 "reasoning":{"effort":"high","summary":"auto"},"max_output_tokens":2000,"parallel_tool_calls":true,
                 "tools":[{"type":"function","name":"shell","description":"Run","parameters":{"type":"object"},"strict":false},
                          {"type":"web_search"}],
                 "tool_choice":"auto",
                 "input":[{"type":"message","role":"developer","content":[{"type":"input_text","text":"Sandbox: none"}]},
                   {"type":"message","role":"user","content":[{"type":"input_text","text":"ls"},
                      {"type":"input_image","image_url":"data:image/png;base64,BBB"}]},
                   {"type":"reasoning","id":"rs_1","summary":[],"encrypted_content":"xyz"},
                   {"type":"message","role":"assistant","content":[{"type":"output_text","text":"Running."}]},
                   {"type":"function_call","call_id":"call_1","name":"shell","arguments":"{\\"command\\":[\\"ls\\"]}"},
                   {"type":"function_call","call_id":"call_2","name":"shell","arguments":"{}"},
                   {"type":"function_call_output","call_id":"call_1","output":"a.txt"},
                   {"type":"function_call_output","call_id":"call_2","output":"b.txt"}]}"""));
        assertJson(chat, """
                {"model":"gpt-5-codex","stream":true,"max_tokens":2000,"reasoning_effort":"high","parallel_tool_calls":true,
                 "tools":[{"type":"function","function":{"name":"shell","description":"Run","parameters":{"type":"object"}}}],
                 "tool_choice":"auto",
                 "messages":[{"role":"system","content":"You are Codex."},
                   {"role":"developer","content":[{"type":"text","text":"Sandbox: none"}]},
                   {"role":"user","content":[{"type":"text","text":"ls"},{"type":"image_url","image_url":{"url":"data:image/png;base64,BBB"}}]},
                   {"role":"assistant","content":[{"type":"text","text":"Running."}],"tool_calls":[
                      {"id":"call_1","type":"function","function":{"name":"shell","arguments":"{\\"command\\":[\\"ls\\"]}"}},
                      {"id":"call_2","type":"function","function":{"name":"shell","arguments":"{}"}}]},
                   {"role":"tool","tool_call_id":"call_1","content":"a.txt"},
                   {"role":"tool","tool_call_id":"call_2","content":"b.txt"}]}""");
        ObjectNode anthropic = ChatToAnthropicRequest.convert(chat);
        assertThat(anthropic.at("/messages/1/content/0/text").asText()).isEqualTo("Running.");
        assertThat(anthropic.at("/messages/1/content/2/id").asText()).isEqualTo("call_2");
        assertThat(anthropic.at("/messages/2/content/1/content").asText()).isEqualTo("b.txt");
    }

    @Test
    void codexsFreeformApplyPatchBecomesAFunctionWithOneInput() {
        ObjectNode chat = ResponsesToChatRequest.convert(object("""
                {"model":"gpt-5-codex","tools":[{"type":"custom","name":"apply_patch","description":"Edit files",
                   "format":{"type":"grammar","syntax":"lark","definition":"start: patch"}}],
                 "input":[{"type":"custom_tool_call","call_id":"call_p","name":"apply_patch","input":"*** Begin Patch"},
                   {"type":"custom_tool_call_output","call_id":"call_p","output":"Done"}]}"""));
        assertJson(chat.at("/tools/0/function/parameters"),
                "{\"type\":\"object\",\"properties\":{\"input\":{\"type\":\"string\"}},\"required\":[\"input\"]}");
        assertThat(chat.at("/tools/0/function/description").asText()).startsWith("Edit files").contains("lark grammar:\nstart: patch");
        assertThat(chat.at("/messages/0/tool_calls/0/function/arguments").asText()).isEqualTo("{\"input\":\"*** Begin Patch\"}");
        assertThat(chat.at("/messages/1/tool_call_id").asText()).isEqualTo("call_p");
    }

    /* --------------- Gemini → chat --------------- */

    @Test
    void geminiContentsBecomeChatMessagesWithCallsMatchedToTheirResponses() {
        ObjectNode chat = GeminiToChatRequest.convert(object("""
                {"system_instruction":{"parts":[{"text":"You are Gemini CLI."}]},
                 "generationConfig":{"maxOutputTokens":500,"temperature":0.1,"topP":0.9,"stopSequences":["X"],
                   "thinkingConfig":{"thinkingBudget":-1,"includeThoughts":true}},
                 "tools":[{"functionDeclarations":[{"name":"read_file","description":"Reads",
                   "parameters":{"type":"OBJECT","properties":{"path":{"type":"STRING","nullable":true},
                     "lines":{"type":"ARRAY","items":{"type":"INTEGER"}}},"required":["path"]}}]},{"googleSearch":{}}],
                 "toolConfig":{"functionCallingConfig":{"mode":"ANY","allowedFunctionNames":["read_file"]}},
                 "contents":[{"role":"user","parts":[{"text":"Read a"},{"inlineData":{"mimeType":"image/jpeg","data":"CCC"}}]},
                   {"role":"model","parts":[{"text":"thinking…","thought":true},{"text":"Sure."},
                      {"functionCall":{"name":"read_file","args":{"path":"a"}}},{"functionCall":{"name":"read_file","args":{"path":"b"}}}]},
                   {"role":"user","parts":[{"functionResponse":{"name":"read_file","response":{"output":"A"}}},
                      {"functionResponse":{"name":"read_file","response":{"output":"B"}}},{"text":"and?"}]}]}"""),
                "gemini-2.5-pro", true);
        assertJson(chat, """
                {"model":"gemini-2.5-pro","stream":true,"max_tokens":500,"temperature":0.1,"top_p":0.9,"stop":["X"],
                 "reasoning_effort":"high",
                 "tools":[{"type":"function","function":{"name":"read_file","description":"Reads","parameters":{
                    "type":"object","properties":{"path":{"type":"string"},"lines":{"type":"array","items":{"type":"integer"}}},
                    "required":["path"]}}}],
                 "tool_choice":{"type":"function","function":{"name":"read_file"}},
                 "messages":[{"role":"system","content":"You are Gemini CLI."},
                   {"role":"user","content":[{"type":"text","text":"Read a"},{"type":"image_url","image_url":{"url":"data:image/jpeg;base64,CCC"}}]},
                   {"role":"assistant","content":"Sure.","tool_calls":[
                      {"id":"call_read_file_0","type":"function","function":{"name":"read_file","arguments":"{\\"path\\":\\"a\\"}"}},
                      {"id":"call_read_file_1","type":"function","function":{"name":"read_file","arguments":"{\\"path\\":\\"b\\"}"}}]},
                   {"role":"tool","tool_call_id":"call_read_file_0","content":"{\\"output\\":\\"A\\"}"},
                   {"role":"tool","tool_call_id":"call_read_file_1","content":"{\\"output\\":\\"B\\"}"},
                   {"role":"user","content":[{"type":"text","text":"and?"}]}]}""");
    }

    @Test
    void geminiCallIdsAreKeptWhenTheClientSendsThem() {
        ObjectNode chat = GeminiToChatRequest.convert(object("""
                {"contents":[{"role":"user","parts":[{"text":"go"}]},
                   {"role":"model","parts":[{"functionCall":{"id":"toolu_9","name":"f","args":{}}}]},
                   {"role":"user","parts":[{"functionResponse":{"id":"toolu_9","name":"f","response":{}}}]}]}"""),
                "m", false);
        assertThat(chat.at("/messages/1/tool_calls/0/id").asText()).isEqualTo("toolu_9");
        assertThat(chat.at("/messages/2/tool_call_id").asText()).isEqualTo("toolu_9");
    }
}
