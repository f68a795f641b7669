package dev.ccr.acceptance.cli;

import dev.ccr.cli.CliTestHome;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ccr statusline} renders the default theme (work dir, git branch, model, ↑input, ↓output,
 * separated by spaces with ANSI resets), the powerline style with {@code \uE0B0} separators, and falls back to the
 * default theme when the configured style has no modules.
 */
@Tag("ccr-11.70")
class StatusLineCommandTest {
    private static final String RESET = "\u001b[0m";

    @Test
    void defaultThemeShowsBranchModelAndUsage() throws Exception {
        try (CliTestHome home = CliTestHome.create().config("{}").env("TERM", "xterm-256color").env("USE_SIMPLE_ICONS", "false")) {
            Path repo = gitRepoOnMain(home);
            Path transcript = transcript(home);

            CliTestHome.Result result = home.run(stdin(repo, transcript), false, "statusline");

            assertThat(result.code()).as(result.toString()).isZero();
            String line = result.out();
            assertThat(line.lines()).hasSize(1);
            String[] modules = line.strip().split(" (?=\u001b\\[)");
            assertThat(modules).hasSize(5).allMatch(m -> m.endsWith(RESET));
            assertThat(plain(modules[0])).endsWith(" repo");
            assertThat(plain(modules[1])).endsWith(" main");
            assertThat(plain(modules[2])).endsWith(" m");
            assertThat(plain(modules[3])).isEqualTo("↑ 1.5k");
            assertThat(plain(modules[4])).isEqualTo("↓ 20");
            // Named colours produce codes (CCR drops them in this style, P-18).
            assertThat(modules[1]).startsWith("\u001b[95m");
        }
    }

    @Test
    void powerlineStyleSeparatesSegmentsWithTheArrowGlyph() throws Exception {
        String config = """
                {"StatusLine": {"enabled": true, "currentStyle": "powerline", "powerline": {"modules": [
                  {"type": "gitBranch", "text": "{{gitBranch}}", "color": "white", "background": "bg_blue"},
                  {"type": "model", "text": "{{model}}", "color": "#000", "background": "#ffcc00"},
                  {"type": "usage", "text": "{{inputTokens}}/{{outputTokens}}", "background": "bg_green"}]}}}""";
        try (CliTestHome home = CliTestHome.create().config(config).env("TERM", "xterm-256color")) {
            Path repo = gitRepoOnMain(home);

            CliTestHome.Result result = home.run(stdin(repo, transcript(home)), false, "statusline");

            String line = result.out().strip();
            assertThat(line.split("\uE0B0", -1)).hasSize(3);
            assertThat(plain(line)).isEqualTo(" main \uE0B0 m \uE0B0 1.5k/20 ");
            assertThat(line).contains("\u001b[48;2;0;0;128m", "\u001b[48;2;255;204;0m", "\u001b[38;2;0;0;0m");
        }
    }

    @Test
    void aStyleWithoutModulesFallsBackToTheBuiltInDefaultTheme() throws Exception {
        try (CliTestHome home = CliTestHome.create().config("{\"StatusLine\":{\"currentStyle\":\"powerline\",\"powerline\":{}}}")
                .env("TERM", "dumb")) {
            Path repo = gitRepoOnMain(home);

            CliTestHome.Result result = home.run(stdin(repo, transcript(home)), false, "statusline");

            assertThat(result.out()).doesNotContain("\uE0B0");
            // TERM=dumb picks the simple theme: no Nerd Font icons.
            assertThat(plain(result.out().strip())).isEqualTo("repo main m ↑ 1.5k ↓ 20");
        }
    }

    @Test
    void aPresetsStatusLineWinsOverTheConfigs() throws Exception {
        try (CliTestHome home = CliTestHome.create().config("{}").env("TERM", "xterm")) {
            Path preset = home.presets().resolve("foo");
            Files.createDirectories(preset);
            Files.writeString(preset.resolve("manifest.json"), """
                    {"name":"foo","StatusLine":{"default":{"modules":[{"type":"x","text":"P:{{model}}"}]}}}""");

            CliTestHome.Result result = home.run(stdin(gitRepoOnMain(home), transcript(home)), false, "statusline", "foo");

            assertThat(result.out()).isEqualTo("P:m" + RESET + "\n");
        }
    }

    @Test
    void withoutATranscriptModelTheRouterDefaultModelIsShown() throws Exception {
        try (CliTestHome home = CliTestHome.create().config("{\"Router\":{\"default\":\"p,from-config\"},"
                + "\"StatusLine\":{\"default\":{\"modules\":[{\"text\":\"{{model}}\"}]}}}")) {
            Path repo = gitRepoOnMain(home);
            String input = "{\"session_id\":\"s\",\"transcript_path\":\"/nonexistent\",\"model\":{\"display_name\":\"Display\"},"
                    + "\"workspace\":{\"current_dir\":\"" + repo + "\"}}";

            CliTestHome.Result result = home.run(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), false, "statusline");

            assertThat(result.out()).isEqualTo("from-config" + RESET + "\n");
        }
    }

    @Test
    void invalidJsonIsAnErrorOnStderrWithExitCode1() {
        try (CliTestHome home = CliTestHome.create()) {
            CliTestHome.Result result = home.run(new ByteArrayInputStream("not json".getBytes(StandardCharsets.UTF_8)), false, "statusline");
            assertThat(result.code()).isEqualTo(1);
            assertThat(result.err()).startsWith("Error parsing status line data");
            assertThat(result.out()).isEmpty();
        }
    }

    /* --------------- Fixtures --------------- */

    static Path gitRepoOnMain(CliTestHome home) throws Exception {
        Path repo = home.dir().resolve("repo");
        Files.createDirectories(repo);
        Process init = new ProcessBuilder("git", "init", "-q").directory(repo.toFile()).inheritIO().start();
        assertThat(init.waitFor()).isZero();
        Process main = new ProcessBuilder("git", "symbolic-ref", "HEAD", "refs/heads/main").directory(repo.toFile()).inheritIO().start();
        assertThat(main.waitFor()).isZero();
        return repo;
    }

    static Path transcript(CliTestHome home) throws Exception {
        Path file = home.dir().resolve("transcript.jsonl");
        Files.writeString(file, """
                {"type":"user","message":{"role":"user","content":"hi"}}
                {"type":"assistant","message":{"model":"old","usage":{"input_tokens":1,"output_tokens":1}}}
                {"type":"assistant","message":{"model":"m","usage":{"input_tokens":1500,"output_tokens":20}}}
                {"type":"user","message":{"role":"user","content":"next"}}
                """);
        return file;
    }

    static ByteArrayInputStream stdin(Path repo, Path transcript) {
        String json = """
                {"hook_event_name":"Status","session_id":"abc12345-0000","transcript_path":"%s","cwd":"%s",
                 "model":{"id":"claude","display_name":"Claude"},"workspace":{"current_dir":"%s","project_dir":"%s"}}"""
                .formatted(transcript, repo, repo, repo);
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The text without ANSI escape codes. */
    static String plain(String text) {
        return text.replaceAll("\u001b\\[[0-9;]*m", "");
    }
}
