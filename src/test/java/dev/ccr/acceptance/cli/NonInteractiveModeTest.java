package dev.ccr.acceptance.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccr.cli.CliTestHome;
import dev.ccr.cli.FakeClaude;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code NON_INTERACTIVE_MODE} adds CI, FORCE_COLOR, NODE_NO_READLINE and TERM, and closes stdin. */
@Tag("ccr-11.67")
class NonInteractiveModeTest {
    @Test
    void nonInteractiveModeAddsTheVariablesAndClosesStdin() {
        try (CliTestHome home = CliTestHome.create()) {
            home.config("{\"PORT\":%d,\"NON_INTERACTIVE_MODE\":true,\"Providers\":[],\"Router\":{}}".formatted(CliTestHome.freePort()));
            FakeClaude claude = FakeClaude.in(home.dir().resolve("bin"), home.pidFile(), 0, 0);
            home.env("CLAUDE_PATH", claude.script().toString());

            CliTestHome.Result result = home.run(new ByteArrayInputStream("typed text\n".getBytes(StandardCharsets.UTF_8)),
                    true, "code", "-p", "hello");

            assertThat(result.code()).as(result.toString()).isZero();
            JsonNode env = claude.settings().path("env");
            assertThat(env.path("CI").asText()).isEqualTo("true");
            assertThat(env.path("FORCE_COLOR").asText()).isEqualTo("0");
            assertThat(env.path("NODE_NO_READLINE").asText()).isEqualTo("1");
            assertThat(env.path("TERM").asText()).isEqualTo("dumb");
            assertThat(claude.stdin()).isEqualTo("<eof>");
        }
    }

    @Test
    void withoutItClaudeReadsItsInputAndGetsNoneOfTheVariables() {
        try (CliTestHome home = CliTestHome.create()) {
            home.config("{\"PORT\":%d,\"Providers\":[],\"Router\":{}}".formatted(CliTestHome.freePort()));
            FakeClaude claude = FakeClaude.in(home.dir().resolve("bin"), home.pidFile(), 0, 0);
            home.env("CLAUDE_PATH", claude.script().toString());

            CliTestHome.Result result = home.run(new ByteArrayInputStream("typed text\n".getBytes(StandardCharsets.UTF_8)),
                    true, "code");

            assertThat(result.code()).as(result.toString()).isZero();
            assertThat(claude.stdin()).isEqualTo("typed text");
            assertThat(claude.settings().path("env").has("CI")).isFalse();
        }
    }
}
