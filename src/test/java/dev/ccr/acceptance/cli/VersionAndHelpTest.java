package dev.ccr.acceptance.cli;

import dev.ccr.cli.CliTestHome;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ccr version}, help for no command (exit 1) and for {@code ccr help} (exit 0). */
@Tag("ccr-11.68")
class VersionAndHelpTest {
    @Test
    void versionHelpAndNoCommand() {
        try (CliTestHome home = CliTestHome.create()) {
            CliTestHome.Result version = home.run("version");
            assertThat(version.code()).isZero();
            assertThat(version.out()).matches("claude-code-router version: \\S+\n");
            assertThat(home.run("-v").out()).isEqualTo(version.out());
            assertThat(home.run("--version").out()).isEqualTo(version.out());

            CliTestHome.Result none = home.run();
            assertThat(none.code()).isEqualTo(1);
            assertThat(none.err()).contains("Usage: ccr", "start", "code", "preset", "statusline");

            CliTestHome.Result help = home.run("help");
            assertThat(help.code()).isZero();
            assertThat(help.out()).contains("Usage: ccr", "activate", "generate-completion");
            assertThat(home.run("-h").code()).isZero();

            CliTestHome.Result unknown = home.run("no-such-command");
            assertThat(unknown.code()).isEqualTo(1);
            assertThat(unknown.err()).contains("Unknown command or preset: no-such-command", "Usage: ccr");
        }
    }

    @Test
    void completionScriptIsGenerated() {
        try (CliTestHome home = CliTestHome.create()) {
            CliTestHome.Result completion = home.run("generate-completion");
            assertThat(completion.code()).isZero();
            assertThat(completion.out()).contains("complete -F", "statusline", "preset");
        }
    }
}
