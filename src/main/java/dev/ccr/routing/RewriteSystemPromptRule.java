package dev.ccr.routing;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * Replaces Claude Code's main prompt with the file named by {@code REWRITE_SYSTEM_PROMPT}, keeping the environment
 * section: the block's text becomes {@code <file> + "<env>" + <text after the last <env>>} (docs/ccr-checklist.md item
 * 40). Never routes.
 *
 * <p>CCR rewrites only {@code system[1]}, which current Claude Code fills with its identity line, so the rewrite no
 * longer happens; ccr rewrites the first system block that holds {@code <env>}. The file is read for every request,
 * as in CCR, so edits apply at once. CCR fails the request when the file cannot be read; ccr forwards the prompt
 * unchanged and says so in the explanation.
 */
final class RewriteSystemPromptRule implements Rule {
    static final String KEY = "REWRITE_SYSTEM_PROMPT";
    private static final String ENV = "<env>";

    @Override
    public String name() {
        return "rewrite-system-prompt";
    }

    @Override
    public RuleOutcome evaluate(RoutingRequest request) {
        JsonNode setting = request.config().resolved().path(KEY);
        if (!setting.isTextual() || setting.textValue().isBlank()) {
            return RuleOutcome.pass(KEY + " is not set");
        }
        String pointer = null;
        String text = null;
        JsonNode system = request.body().path("system");
        if (system.isTextual() && system.textValue().contains(ENV)) {
            pointer = "/system";
            text = system.textValue();
        }
        for (int i = 0; pointer == null && i < system.size(); i++) {
            JsonNode block = system.get(i);
            if ("text".equals(block.path("type").asText()) && block.path("text").asText("").contains(ENV)) {
                pointer = "/system/" + i + "/text";
                text = block.get("text").textValue();
            }
        }
        if (pointer == null) {
            return RuleOutcome.pass("no system block holds " + ENV + ", so the prompt is kept");
        }
        String prompt;
        try {
            prompt = Files.readString(Path.of(setting.textValue()), StandardCharsets.UTF_8);
        } catch (IOException | InvalidPathException e) {
            return RuleOutcome.pass(KEY + " file " + setting.textValue() + " cannot be read (" + e.getMessage() + "), so the prompt is kept");
        }
        String rewritten = prompt + ENV + text.substring(text.lastIndexOf(ENV) + ENV.length());
        return RuleOutcome.pass("the prompt before " + ENV + " in " + pointer + " is replaced by " + setting.textValue(),
                List.of(new BodyEdit.SetText(pointer, rewritten, "prompt replaced by " + setting.textValue() + ", " + ENV + " section kept")));
    }
}
