package dev.ccr.testing;

/** Anthropic-dialect bodies and streams as a real Anthropic-compatible provider sends them. */
public final class AnthropicSamples {
    private AnthropicSamples() {
    }

    /** A minimal Claude Code-like request; {@code model} as given. */
    public static String request(String model, boolean stream) {
        return """
                {"model":"%s","max_tokens":64000,"stream":%s,
                 "system":[{"type":"text","text":"x-anthropic-billing-header: cc_version=2.1.197;"},
                           {"type":"text","text":"You are Claude Code, Anthropic's official CLI for Claude."}],
                 "messages":[{"role":"user","content":[{"type":"text","text":"Say hi"}]}],
                 "metadata":{"user_id":"{\\"device_id\\":\\"d\\",\\"account_uuid\\":\\"\\",\\"session_id\\":\\"S1\\"}"}}
                """.formatted(model, stream);
    }

    /** A streamed answer with a ping, with unusual spacing that a re-serializer would change. */
    public static final String STREAM = """
            event: message_start
            data: {"type":"message_start","message":{"id":"msg_01","type":"message","role":"assistant","content":[],"model":"claude-up","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":12,"cache_read_input_tokens":3,"output_tokens":1}}}

            event: ping
            data: {"type": "ping"}

            event: content_block_start
            data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi — 日本"}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":0}

            event: message_delta
            data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":7}}

            event: message_stop
            data: {"type":"message_stop"}

            """;

    public static final String MESSAGE = """
            {"id":"msg_01","type":"message","role":"assistant","model":"claude-up",  "content":[{"type":"text","text":"Hi"}],
             "stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":12,"output_tokens":2}}""";
}
