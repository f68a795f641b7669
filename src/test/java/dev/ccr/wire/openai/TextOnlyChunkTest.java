package dev.ccr.wire.openai;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which chunks the converter may take as text alone: anything else it acts on must send it to the whole tree. */
class TextOnlyChunkTest {
    @Test
    void aChunkOfTextIsItsText() {
        assertThat(TextOnlyChunk.text("""
                {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","system_fingerprint":null,\
                "choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null,"logprobs":null}]}""")).isEqualTo("Hi");
        assertThat(TextOnlyChunk.text("{\"choices\":[{\"delta\":{\"content\":\"a\\\"b\\\\n\\u00e9\\ud83d\\ude00\"}}]}"))
                .isEqualTo("a\"b\\n\u00e9\ud83d\ude00");
        assertThat(TextOnlyChunk.text("{\"choices\":[{\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}")).isEmpty();
        assertThat(TextOnlyChunk.text("{\"choices\":[]}")).isEmpty();
        assertThat(TextOnlyChunk.text("{\"choices\":[{\"delta\":{\"content\":\"a\"}},{\"delta\":{\"content\":\"b\"}}]}"))
                .as("only the first choice is read").isEqualTo("a");
    }

    @Test
    void fieldsTheConverterIgnoresAreSkippedWhateverTheyHold() {
        assertThat(TextOnlyChunk.text("""
                {"x":{"y":[1,{"content":"no"}]},"choices":[{"delta":{"content":"yes","other":{"content":"no"}},\
                "extra":{"finish_reason":"stop"}}],"obfuscation":"abc","usage":null,"error":null}""")).isEqualTo("yes");
        assertThat(TextOnlyChunk.text("""
                {"choices":[{"delta":{"content":"t","refusal":null,"reasoning_content":"","reasoning":null,\
                "tool_calls":null,"annotations":null,"thinking":null},"finish_reason":""}]}""")).isEqualTo("t");
    }

    @Test
    void anythingElseTheConverterActsOnSendsItToTheWholeTree() {
        for (String chunk : new String[] {
                "{\"choices\":[{\"delta\":{\"content\":\"a\"}}],\"usage\":{\"prompt_tokens\":1}}",
                "{\"usage\":{\"completion_tokens\":2},\"choices\":[]}",
                "{\"error\":{\"message\":\"overloaded\"}}",
                "{\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}]}",
                "{\"choices\":[{\"delta\":{\"reasoning_content\":\"hmm\"}}]}",
                "{\"choices\":[{\"delta\":{\"reasoning\":\"hmm\"}}]}",
                "{\"choices\":[{\"delta\":{\"refusal\":\"no\"}}]}",
                "{\"choices\":[{\"delta\":{\"thinking\":{\"content\":\"x\"}}}]}",
                "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\"}}]}}]}",
                "{\"choices\":[{\"delta\":{\"annotations\":[]}}]}",
                "[DONE]", "", " {\"choices\":[]}", "{\"choices\":[{\"delta\":{\"content\":\"a\"", "{\"choices\":[{\"delta\":tru}]}"}) {
            assertThat(TextOnlyChunk.text(chunk)).as(chunk).isNull();
        }
    }
}
