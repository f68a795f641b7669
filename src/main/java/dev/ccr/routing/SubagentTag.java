package dev.ccr.routing;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code <CCR-SUBAGENT-MODEL>provider,model</CCR-SUBAGENT-MODEL>} tag that a Claude Code agent's prompt carries to
 * pick its model, and the edits that remove it before the request goes upstream.
 *
 * <p>CCR looks only at the start of {@code system[1]} (docs/ccr-checklist.md item 33), which current Claude Code fills
 * with its identity line, so tags are silently missed, and it strips the tag only when the subagent rule decides. ccr
 * looks in every system block and in the first user message, takes the first tag found, and always strips every tag.
 *
 * @param value   the first tag's content, trimmed
 * @param foundAt the JSON pointer of the text that held it
 * @param strip   edits removing every tag wherever found
 */
record SubagentTag(String value, String foundAt, List<BodyEdit> strip) {
    static final String OPEN = "<CCR-SUBAGENT-MODEL>";
    private static final Pattern TAG = Pattern.compile("<CCR-SUBAGENT-MODEL>(.*?)</CCR-SUBAGENT-MODEL>", Pattern.DOTALL);

    static Optional<SubagentTag> find(JsonNode body) {
        List<Text> texts = new ArrayList<>();
        collect(body.path("system"), "/system", texts);
        JsonNode messages = body.path("messages");
        for (int i = 0; i < messages.size(); i++) {
            if ("user".equals(messages.get(i).path("role").asText())) {
                collect(messages.get(i).path("content"), "/messages/" + i + "/content", texts);
                break;
            }
        }
        String value = null;
        String foundAt = null;
        List<BodyEdit> strip = new ArrayList<>();
        for (Text text : texts) {
            if (!text.value().contains(OPEN)) {
                continue;
            }
            Set<String> tags = new LinkedHashSet<>();
            Matcher m = TAG.matcher(text.value());
            while (m.find()) {
                if (value == null) {
                    value = m.group(1).trim();
                    foundAt = text.pointer();
                }
                tags.add(m.group());
            }
            tags.forEach(tag -> strip.add(new BodyEdit.RemoveText(text.pointer(), tag, "removed " + tag)));
        }
        return value == null ? Optional.empty() : Optional.of(new SubagentTag(value, foundAt, strip));
    }

    private record Text(String pointer, String value) {
    }

    /** A string, or the text of each {@code text} block of an array. */
    private static void collect(JsonNode content, String pointer, List<Text> out) {
        if (content.isTextual()) {
            out.add(new Text(pointer, content.textValue()));
            return;
        }
        for (int i = 0; i < content.size(); i++) {
            JsonNode block = content.get(i);
            if ("text".equals(block.path("type").asText()) && block.path("text").isTextual()) {
                out.add(new Text(pointer + "/" + i + "/text", block.get("text").textValue()));
            }
        }
    }
}
