package dev.ccr.wire.openai;

import static dev.ccr.wire.WireTestKit.assertJson;
import static dev.ccr.wire.WireTestKit.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * What the OpenAI chat request makes of the fields Claude Code 2.1.3xx sends (docs/compatibility.md, "Fields Claude
 * Code sends"): server tools, deferred tools and ToolSearch, the billing header, tool results with images,
 * documents, and cache marks for Claude models.
 */
class ClaudeCodeFieldsTest {

    private static ObjectNode convert(String anthropicJson) {
        return AnthropicToChatRequest.convert(object(anthropicJson), ChatRequestOptions.defaults());
    }

    /* --------------- Top-level fields --------------- */

    @Test
    void contextManagementSafeguardsAndUnknownTopLevelFieldsAreNotSent() {
        ObjectNode out = convert("""
                {"model":"m","max_tokens":128000,"stream":true,"messages":[{"role":"user","content":"q"}],
                 "context_management":{"edits":[{"type":"clear_thinking_20251015","keep":"all"}]},
                 "safeguards":[{"type":"dangerous_tool_use","classifier_context":{"x":1}}],
                 "metadata":{"user_id":"{}"},"output_config":{"effort":"medium"},"some_future_field":{"a":1},
                 "thinking":{"type":"adaptive","display":"omitted"}}""");
        assertThat(out.properties()).extracting(e -> e.getKey()).containsExactly(
                "model", "messages", "max_tokens", "stream", "stream_options", "reasoning", "reasoning_effort");
    }

    /* --------------- System --------------- */

    @Test
    void billingHeaderSystemBlockIsDroppedSoTheCachedPrefixStaysTheSame() {
        ObjectNode out = convert("""
                {"model":"m","system":[
                  {"type":"text","text":"x-anthropic-billing-header: cc_version=2.1.332.0b8; cc_entrypoint=cli;"},
                  {"type":"text","text":"You are Claude Code."}],"messages":[]}""");
        assertJson(out.get("messages"), """
                [{"role":"system","content":[{"type":"text","text":"You are Claude Code."}]}]""");
    }

    /* --------------- Tools --------------- */

    @Test
    void serverToolsAreNeverSentAsEmptyParameterFunctions() {
        ObjectNode out = convert("""
                {"model":"m","messages":[],"tools":[
                  {"type":"web_fetch_20250910","name":"web_fetch","max_uses":5},
                  {"type":"code_execution_20250825","name":"code_execution"},
                  {"type":"tool_search_tool_regex_20251119","name":"tool_search_tool_regex"},
                  {"type":"bash_20250124","name":"bash"},
                  {"name":"Read","description":"Reads","input_schema":{"type":"object"}}]}""");
        assertJson(out.get("tools"), """
                [{"type":"function","function":{"name":"Read","description":"Reads","parameters":{"type":"object"}}}]""");
    }

    @Test
    void webSearchServerToolBecomesWebSearchOptionsWithTheUserLocation() {
        ObjectNode out = convert("""
                {"model":"m","messages":[],"tools":[{"type":"web_search_20250305","name":"web_search","max_uses":5,
                  "user_location":{"type":"approximate","city":"Paris","country":"FR","timezone":"Europe/Paris"}}]}""");
        assertThat(out.has("tools")).isFalse();
        assertJson(out.get("web_search_options"), """
                {"user_location":{"type":"approximate",
                  "approximate":{"city":"Paris","country":"FR","timezone":"Europe/Paris"}}}""");
    }

    @Test
    void onlyServerToolsSendNoToolsAndNoToolChoice() {
        ObjectNode out = convert("""
                {"model":"m","messages":[],"tool_choice":{"type":"auto"},
                 "tools":[{"type":"code_execution_20250825","name":"code_execution"}]}""");
        assertThat(out.has("tools")).isFalse();
        assertThat(out.has("tool_choice")).isFalse();
    }

    @Test
    void deferredToolsAreDeclaredAfterTheOthersAndThePlaceholderIsNotSent() {
        ObjectNode out = convert("""
                {"model":"m","messages":[],"tools":[
                  {"name":"Bash","input_schema":{"type":"object"}},
                  {"name":"CronList","description":"List jobs","input_schema":{"type":"object"},"defer_loading":true},
                  {"name":"Edit","input_schema":{"type":"object"}},
                  {"name":"DeferredToolPlaceholder","description":"never call","input_schema":{"type":"object",
                   "properties":{}},"defer_loading":true}]}""");
        assertThat(out.get("tools").findValuesAsText("name")).containsExactly("Bash", "Edit", "CronList");
        assertThat(out.toString()).doesNotContain("defer_loading");
    }

    @Test
    void toolSearchResultCarriesTheFoundToolsDefinitionsAsToolSearchPromises() {
        ObjectNode out = convert("""
                {"model":"m","tools":[
                  {"name":"ToolSearch","input_schema":{"type":"object"}},
                  {"name":"CronList","description":"List jobs","input_schema":{"type":"object","properties":{}},
                   "defer_loading":true}],
                 "messages":[
                  {"role":"assistant","content":[{"type":"tool_use","id":"t0","name":"ToolSearch",
                    "input":{"query":"select:CronList"}}]},
                  {"role":"user","content":[
                    {"type":"tool_result","tool_use_id":"t0","content":[{"type":"tool_reference","tool_name":"CronList"},
                      {"type":"tool_reference","tool_name":"Gone"}]},
                    {"type":"text","text":"Tool loaded."}]}]}""");
        assertJson(out.at("/messages/1"), """
                {"role":"tool","tool_call_id":"t0","content":"<functions>\\n<function>{\\"description\\":\\"List jobs\\",\
                \\"name\\":\\"CronList\\",\\"parameters\\":{\\"type\\":\\"object\\",\\"properties\\":{}}}</function>\\n\
                <function>{\\"name\\":\\"Gone\\"}</function>\\n</functions>"}""");
        assertJson(out.at("/messages/2"), """
                {"role":"user","content":[{"type":"text","text":"Tool loaded."}]}""");
    }

    /* --------------- Tool results and documents --------------- */

    @Test
    void imagesInsideAToolResultBecomeImagePartsOfTheFollowingUserMessage() {
        ObjectNode out = convert("""
                {"model":"m","messages":[{"role":"user","content":[
                  {"type":"tool_result","tool_use_id":"t1","content":[{"type":"text","text":"screenshot taken"},
                    {"type":"image","source":{"type":"base64","media_type":"image/png","data":"AAAA"}}]},
                  {"type":"text","text":"go on"}]}]}""");
        assertJson(out.get("messages"), """
                [{"role":"tool","content":"screenshot taken\\n(1 attachment follows in the next user message)",
                  "tool_call_id":"t1"},
                 {"role":"user","content":[{"type":"text","text":"Attachments returned by tool call t1:"},
                   {"type":"image_url","image_url":{"url":"data:image/png;base64,AAAA"}},
                   {"type":"text","text":"go on"}]}]""");
    }

    @Test
    void textToolResultsStayCompactJsonAsInCcr() {
        ObjectNode out = convert("""
                {"model":"m","messages":[{"role":"user","content":[
                  {"type":"tool_result","tool_use_id":"t1","content":[{"type":"text","text":"R"}]}]}]}""");
        assertJson(out.at("/messages/0/content"), "\"[{\\\"type\\\":\\\"text\\\",\\\"text\\\":\\\"R\\\"}]\"");
    }

    @Test
    void documentsBecomeTextOrFilePartsAndUrlDocumentsAreDropped() {
        ObjectNode out = convert("""
                {"model":"m","messages":[{"role":"user","content":[
                  {"type":"document","title":"Notes","source":{"type":"text","media_type":"text/plain","data":"abc"}},
                  {"type":"document","source":{"type":"content","content":[{"type":"text","text":"one"},
                    {"type":"text","text":"two"}]}},
                  {"type":"document","title":"spec.pdf","source":{"type":"base64","media_type":"application/pdf",
                    "data":"JVBER"}},
                  {"type":"document","source":{"type":"url","url":"https://example.com/a.pdf"}}]}]}""");
        assertJson(out.at("/messages/0/content"), """
                [{"type":"text","text":"Notes\\n\\nabc"},{"type":"text","text":"one\\ntwo"},
                 {"type":"file","file":{"filename":"spec.pdf","file_data":"data:application/pdf;base64,JVBER"}}]""");
    }

    @Test
    void redactedThinkingIsNotSentBecauseOnlyAnthropicCanReadIt() {
        ObjectNode out = convert("""
                {"model":"m","messages":[{"role":"assistant","content":[
                  {"type":"redacted_thinking","data":"EncryptedBlob"},{"type":"text","text":"a"}]}]}""");
        assertJson(out.get("messages"), """
                [{"role":"assistant","content":"a"}]""");
    }

    /* --------------- Prompt cache --------------- */

    @Test
    void claudeModelsKeepTheirCacheMarksAndOtherModelsDoNot() {
        String request = """
                {"model":"%s","system":[{"type":"text","text":"S","cache_control":{"type":"ephemeral"}}],
                 "messages":[{"role":"user","content":[{"type":"text","text":"q","cache_control":{"type":"ephemeral"}}]}]}""";
        ObjectNode claude = convert(request.formatted("anthropic/claude-sonnet-4.5"));
        ObjectNode other = convert(request.formatted("deepseek/deepseek-chat"));
        assertThat(claude.findValues("cache_control")).hasSize(2);
        assertThat(other.findValue("cache_control")).isNull();
    }
}
