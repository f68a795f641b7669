package dev.ccr.acceptance.cli;

import dev.ccr.cli.CliTestHome;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ccr activate} prints exactly the 7 lines CCR prints (docs/ccr-checklist.md, item 63). */
@Tag("ccr-11.63")
class ActivateCommandTest {
    @Test
    void activatePrintsTheSevenLinesClaudeCodeNeeds() {
        try (CliTestHome home = CliTestHome.create().config("{\"APIKEY\":\"s\",\"PORT\":4000,\"Providers\":[],\"Router\":{}}")) {
            CliTestHome.Result result = home.run("activate");
            assertThat(result.code()).isZero();
            assertThat(result.out()).isEqualTo("""
                    export ANTHROPIC_AUTH_TOKEN="s"
                    export ANTHROPIC_BASE_URL="http://127.0.0.1:4000"
                    export NO_PROXY="127.0.0.1"
                    export DISABLE_TELEMETRY="true"
                    export DISABLE_COST_WARNINGS="true"
                    export API_TIMEOUT_MS="600000"
                    unset CLAUDE_CODE_USE_BEDROCK
                    """);
            assertThat(result.err()).isEmpty();
        }
    }

    @Test
    void withoutApiKeyTheTokenIsTestAndTheAliasEnvWorks() {
        try (CliTestHome home = CliTestHome.create().config("{\"API_TIMEOUT_MS\":\"300000\"}")) {
            CliTestHome.Result result = home.run("env");
            assertThat(result.code()).isZero();
            assertThat(result.out()).startsWith("export ANTHROPIC_AUTH_TOKEN=\"test\"\nexport ANTHROPIC_BASE_URL=\"http://127.0.0.1:3456\"\n")
                    .contains("export API_TIMEOUT_MS=\"300000\"\n");
        }
    }

    @Test
    void aMissingConfigIsCreatedAndSaidOnStderrSoTheOutputStaysSafeToEval() {
        try (CliTestHome home = CliTestHome.create()) {
            CliTestHome.Result result = home.run("activate");
            assertThat(result.code()).isZero();
            assertThat(result.out().lines()).hasSize(7).allMatch(l -> l.startsWith("export ") || l.startsWith("unset "));
            assertThat(result.err()).contains("Created minimal default configuration file at");
        }
    }
}
