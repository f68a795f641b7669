package dev.ccr.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.ccr.routing.RoutingFixtures.claudeCode;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code REWRITE_SYSTEM_PROMPT} replaces the prompt before {@code <env>} with the file's text
 * (docs/routing.md), in the system block that holds {@code <env>}.
 */
@Tag("ccr-11.40")
class RewriteSystemPromptRuleTest {
    static String rewriteConfig(Path file) {
        return "\"REWRITE_SYSTEM_PROMPT\": " + RoutingFixtures.JSON.valueToTree(file.toString());
    }

    @Test
    void theBlockHoldingEnvIsRewritten() throws IOException {
        Path file = Files.writeString(RoutingFixtures.tempDir().resolve("f.txt"), "NEW");
        try (PassthroughRouting ccr = PassthroughRouting.start("{\"default\":\"p,m\"}", rewriteConfig(file))) {
            ObjectNode body = claudeCode("claude-sonnet-5");
            ((ObjectNode) body.withArray("system").get(1)).put("text", "old<env>E");
            ((ObjectNode) body.withArray("system").get(2)).put("text", "main prompt without env");

            JsonNode forwarded = ccr.send(body.toString());

            assertThat(forwarded.at("/system/1/text").asText()).isEqualTo("NEW<env>E");
            assertThat(forwarded.at("/system/2/text").asText()).isEqualTo("main prompt without env");
        }
    }

    @Test
    void currentClaudeCodeKeepsEnvInTheThirdBlock() throws IOException {
        Path file = Files.writeString(RoutingFixtures.tempDir().resolve("f.txt"), "You are my assistant.\n");
        try (PassthroughRouting ccr = PassthroughRouting.start("{\"default\":\"p,m\"}", rewriteConfig(file))) {
            JsonNode forwarded = ccr.send(claudeCode("claude-sonnet-5").toString());
            assertThat(forwarded.at("/system/1/text").asText()).isEqualTo("You are Claude Code, Anthropic's official CLI for Claude.");
            assertThat(forwarded.at("/system/2/text").asText())
                    .isEqualTo("You are my assistant.\n<env>\nWorking directory: /home/u/proj\n</env>\nBe brief.");
            assertThat(forwarded.at("/system/2/cache_control/type").asText()).isEqualTo("ephemeral");
        }
    }

    @Test
    void anUnreadableFileLeavesThePromptAndSaysSo() throws Exception {
        Path missing = RoutingFixtures.tempDir().resolve("missing.txt");
        try (PassthroughRouting ccr = PassthroughRouting.start("{\"default\":\"p,m\"}", rewriteConfig(missing))) {
            ObjectNode body = claudeCode("claude-sonnet-5");
            assertThat(ccr.send(body.toString()).at("/system/2")).isEqualTo(body.at("/system/2"));
            JsonNode explained = RoutingFixtures.parse(ccr.router().post("/api/route/explain", body.toString()).body());
            assertThat(explained.at("/trace/1/rule").asText()).isEqualTo("rewrite-system-prompt");
            assertThat(explained.at("/trace/1/reason").asText()).contains("cannot be read").contains("the prompt is kept");
        }
    }
}
