package dev.ccr.transform.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.transform.ProviderResponse;
import dev.ccr.transform.Transformer;
import dev.ccr.wire.EventSink;
import dev.ccr.wire.StreamConverter;
import dev.ccr.wire.sse.SseEvent;

import java.io.IOException;
import java.util.Iterator;

/**
 * {@code tooluse} (docs/compatibility.md, Transformers): asks the model to always answer with a tool. The request gets
 * a system reminder that tool mode is active and, when it has tools, {@code tool_choice:"required"} plus an
 * {@code ExitTool({response})} the model calls to answer in words. On the way back an {@code ExitTool} call becomes
 * plain assistant text: in a JSON answer its {@code response} replaces the call; in a stream its argument fragments are
 * held until they parse and then sent as one text delta. Other tool calls pass untouched. When {@code ExitTool} was the
 * only call, the {@code tool_calls} finish reason becomes {@code stop} (CCR leaves it, so Claude Code sees a tool_use
 * stop without a tool).
 */
final class ToolUseTransformer implements Transformer {
    static final String EXIT_TOOL = "ExitTool";

    static final String REMINDER = """
            <system-reminder>Tool mode is active. The user expects you to proactively execute the most suitable tool \
            to help complete the task.
            Before invoking a tool, you must carefully evaluate whether it matches the current task. If no available \
            tool is appropriate for the task, you MUST call the `ExitTool` to exit tool mode — this is the only valid \
            way to terminate tool mode.
            Always prioritize completing the user's task effectively and efficiently by using tools whenever \
            appropriate.</system-reminder>""";

    private static final String EXIT_TOOL_DESCRIPTION = """
            Use this tool when you are in tool mode and have completed the task. This is the only valid way to exit \
            tool mode.
            IMPORTANT: Before using this tool, ensure that none of the available tools are applicable to the current \
            task. You must evaluate all available options — only if no suitable tool can help you complete the task \
            should you use ExitTool to terminate tool mode.""";

    @Override
    public String name() {
        return "tooluse";
    }

    @Override
    public ProviderResponse transform(Chain chain) throws IOException {
        ObjectNode body = chain.request().copyBody();
        rewrite(body);
        return chain.proceed(chain.request().withBody(body))
                .mapEvents(ExitToolStream::new)
                .mapJson(ToolUseTransformer::convertJson);
    }

    static void rewrite(ObjectNode body) {
        JsonNode messages = body.get("messages");
        ArrayNode list = messages instanceof ArrayNode array ? array : body.putArray("messages");
        list.addObject().put("role", "system").put("content", REMINDER);
        if (body.get("tools") instanceof ArrayNode tools && !tools.isEmpty()) {
            body.put("tool_choice", "required");
            ObjectNode function = tools.addObject().put("type", "function").putObject("function");
            function.put("name", EXIT_TOOL).put("description", EXIT_TOOL_DESCRIPTION);
            ObjectNode parameters = function.putObject("parameters").put("type", "object");
            parameters.putObject("properties").putObject("response").put("type", "string")
                    .put("description", "Your response will be forwarded to the user exactly as returned — the tool "
                            + "will not modify or post-process it in any way.");
            parameters.putArray("required").add("response");
        }
    }

    private static String responseText(String arguments) {
        return ToolArguments.parseLenient(arguments).map(n -> n.path("response"))
                .map(r -> r.isTextual() ? r.asText() : r.isMissingNode() || r.isNull() ? "" : r.toString())
                .orElse(arguments == null ? "" : arguments);
    }

    static ObjectNode convertJson(ObjectNode answer) {
        for (JsonNode choice : answer.path("choices")) {
            if (!(choice.get("message") instanceof ObjectNode message) || !(message.get("tool_calls") instanceof ArrayNode calls)) {
                continue;
            }
            StringBuilder text = new StringBuilder();
            boolean found = false;
            for (Iterator<JsonNode> it = calls.iterator(); it.hasNext(); ) {
                JsonNode call = it.next();
                if (EXIT_TOOL.equals(call.path("function").path("name").asText())) {
                    text.append(responseText(call.path("function").path("arguments").asText("")));
                    it.remove();
                    found = true;
                }
            }
            if (!found) {
                continue;
            }
            String before = message.path("content").isTextual() ? message.get("content").asText() : "";
            message.put("content", before + text);
            if (calls.isEmpty()) {
                message.remove("tool_calls");
                if ("tool_calls".equals(choice.path("finish_reason").asText()) && choice instanceof ObjectNode c) {
                    c.put("finish_reason", "stop");
                }
            }
        }
        return answer;
    }

    /** One stream: holds the {@code ExitTool} call's fragments and sends its response as text once they parse. */
    static final class ExitToolStream implements StreamConverter {
        private int exitIndex = -1;
        private final StringBuilder arguments = new StringBuilder();
        private boolean emitted;
        private boolean otherTools;

        @Override
        public void accept(EventSink out, SseEvent event) {
            JsonNode parsed = event.data().startsWith("{") ? ToolArguments.parseStrict(event.data()).orElse(null) : null;
            if (!(parsed instanceof ObjectNode chunk) || !(chunk.path("choices").path(0) instanceof ObjectNode choice)) {
                out.emit(event);
                return;
            }
            boolean changed = false;
            if (choice.get("delta") instanceof ObjectNode delta && delta.get("tool_calls") instanceof ArrayNode calls) {
                for (Iterator<JsonNode> it = calls.iterator(); it.hasNext(); ) {
                    JsonNode call = it.next();
                    int index = call.path("index").asInt(0);
                    if (EXIT_TOOL.equals(call.path("function").path("name").asText())) {
                        exitIndex = index;
                    } else if (index != exitIndex || exitIndex < 0) {
                        otherTools = true;
                        continue;
                    }
                    arguments.append(call.path("function").path("arguments").asText(""));
                    it.remove();
                    changed = true;
                    if (!emitted && ToolArguments.parseStrict(arguments.toString()).isPresent()) {
                        emitted = true;
                        delta.put("content", delta.path("content").asText("") + responseText(arguments.toString()));
                        if (!delta.has("role")) {
                            delta.put("role", "assistant");
                        }
                    }
                }
                if (calls.isEmpty()) {
                    delta.remove("tool_calls");
                }
            }
            if (choice.path("finish_reason").isTextual()) {
                if (exitIndex >= 0 && !emitted && choice.get("delta") instanceof ObjectNode delta) {
                    // The arguments never became valid JSON: send what a lenient read makes of them.
                    emitted = true;
                    delta.put("content", delta.path("content").asText("") + responseText(arguments.toString()));
                    changed = true;
                }
                if (exitIndex >= 0 && !otherTools && "tool_calls".equals(choice.get("finish_reason").asText())) {
                    choice.put("finish_reason", "stop");
                    changed = true;
                }
            }
            if (!changed) {
                out.emit(event);
            } else if (!choice.path("delta").isEmpty() || choice.path("finish_reason").isTextual() || chunk.has("usage")
                    && !chunk.get("usage").isNull()) {
                out.emit(new SseEvent(event.event(), chunk.toString()));
            }
        }

        @Override
        public void atEnd(EventSink out) {
        }
    }
}
