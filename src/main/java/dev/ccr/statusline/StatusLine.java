package dev.ccr.statusline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the status line for the JSON Claude Code pipes in (CCR's {@code parseStatusLineData}, docs/cli.md).
 *
 * <p>Theme: the configured {@code StatusLine[currentStyle].modules} when present, else the built-in theme (simple
 * icons when {@code USE_SIMPLE_ICONS=true} or {@code TERM} is dumb/unknown) in the default style. Variables come from
 * the input, the transcript's last assistant message, {@code git branch --show-current} in the workspace, and the
 * token-speed file in {@code $TMPDIR/claude-code-router/}.
 *
 * <p>Fixes over CCR (pitfall P-18): named colours work in the default style; {@code {{timeToFirstToken}}} is filled;
 * only the last 1 MB of the transcript is read.
 */
public final class StatusLine {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VARIABLE = Pattern.compile("\\{\\{(\\w+)}}");
    private static final int TRANSCRIPT_TAIL = 1 << 20;
    /** Powerline's separator glyph (Nerd Fonts), as CCR. */
    static final String SEPARATOR = "\ue0b0";

    /**
     * What the renderer reads besides the input.
     *
     * @param statusLine   the {@code StatusLine} config object that applies (a preset's or the global one), or missing
     * @param defaultModel the model of {@code Router.default} for a working directory, used when the transcript has none
     */
    public record Sources(JsonNode statusLine, Map<String, String> env, Path tempDir, Clock clock,
                          Function<Path, Optional<String>> defaultModel) {
    }

    private StatusLine() {
    }

    /** The line for {@code input}; any failure renders as an empty line, as CCR. */
    public static String render(JsonNode input, Sources sources) {
        try {
            return renderOrFail(input, sources);
        } catch (RuntimeException e) {
            return "";
        }
    }

    static String renderOrFail(JsonNode input, Sources sources) {
        String style = "default";
        Theme theme;
        JsonNode config = sources.statusLine();
        String currentStyle = config.path("currentStyle").asText("default");
        JsonNode modules = config.path(currentStyle).path("modules");
        if (modules.isArray()) {
            theme = Theme.of(modules);
            style = currentStyle;
        } else {
            theme = simpleIcons(sources.env()) ? Theme.SIMPLE : Theme.DEFAULT;
        }
        Map<String, String> variables = variables(input, sources);
        return style.equals("powerline") ? powerline(theme, variables) : plain(theme, variables);
    }

    private static boolean simpleIcons(Map<String, String> env) {
        String term = env.getOrDefault("TERM", "");
        return "true".equals(env.get("USE_SIMPLE_ICONS")) || term.equals("dumb") || term.equals("unknown");
    }

    /* --------------- Variables --------------- */

    static Map<String, String> variables(JsonNode input, Sources sources) {
        String workDir = input.path("workspace").path("current_dir").asText(input.path("cwd").asText(""));
        String gitBranch = gitBranch(workDir);

        String model = "";
        long inputTokens = 0;
        long outputTokens = 0;
        Optional<JsonNode> last = lastAssistantMessage(input.path("transcript_path").asText(""));
        if (last.isPresent()) {
            model = last.get().path("model").asText("");
            inputTokens = last.get().path("usage").path("input_tokens").asLong(0);
            outputTokens = last.get().path("usage").path("output_tokens").asLong(0);
        }
        if (model.isEmpty() && !workDir.isEmpty()) {
            model = sources.defaultModel().apply(Path.of(workDir)).orElse("");
        }
        if (model.isEmpty()) {
            model = input.path("model").path("display_name").asText("");
        }

        String sessionId = input.path("session_id").asText("");
        Optional<JsonNode> speed = tokenSpeed(sources, sessionId);
        long tokensPerSecond = speed.map(s -> s.path("tokensPerSecond").asLong(0)).orElse(0L);
        boolean fresh = speed.isPresent() && tokensPerSecond > 0
                && sources.clock().millis() - speed.get().path("timestamp").asLong(0) <= 3_000;
        boolean streaming = fresh;
        String timeToFirstToken = speed.map(s -> s.path("timeToFirstToken")).map(StatusLine::milliseconds)
                .map(StatusLine::duration).orElse("");

        JsonNode window = input.path("context_window");
        JsonNode usage = window.path("current_usage");
        long windowSize = window.path("context_window_size").asLong(0);
        long contextPercent = usage.isObject() && windowSize > 0
                ? Math.round((usage.path("input_tokens").asDouble(0) + usage.path("cache_creation_input_tokens").asDouble(0)
                + usage.path("cache_read_input_tokens").asDouble(0)) / windowSize * 100) : 0;
        long totalIn = window.path("total_input_tokens").asLong(0);
        long totalOut = window.path("total_output_tokens").asLong(0);

        JsonNode cost = input.path("cost");
        double totalCost = cost.path("total_cost_usd").asDouble(0);
        long totalDuration = cost.path("total_duration_ms").asLong(0);
        long added = cost.path("total_lines_added").asLong(0);
        long removed = cost.path("total_lines_removed").asLong(0);

        Map<String, String> v = new HashMap<>();
        v.put("workDirName", workDir.isEmpty() ? "" : workDir.substring(workDir.replace('\\', '/').lastIndexOf('/') + 1));
        v.put("gitBranch", gitBranch);
        v.put("model", model);
        boolean thousands = inputTokens > 1000 || outputTokens > 1000;
        v.put("inputTokens", thousands && inputTokens > 1000 ? kilo(inputTokens) : Long.toString(inputTokens));
        v.put("outputTokens", thousands && outputTokens > 1000 ? kilo(outputTokens) : Long.toString(outputTokens));
        v.put("tokenSpeed", fresh ? Long.toString(tokensPerSecond) : "0");
        v.put("isStreaming", streaming ? "streaming" : "");
        v.put("streamingIndicator", streaming ? "[Streaming]" : "");
        v.put("timeToFirstToken", timeToFirstToken);
        v.put("contextPercent", Long.toString(contextPercent));
        v.put("contextWindowSize", windowSize > 1000 ? Math.round(windowSize / 1000.0) + "k" : Long.toString(windowSize));
        v.put("totalInputTokens", totalIn > 1000 ? kilo(totalIn) : Long.toString(totalIn));
        v.put("totalOutputTokens", totalOut > 1000 ? kilo(totalOut) : Long.toString(totalOut));
        v.put("cost", totalCost <= 0 ? "" : totalCost < 0.01 ? String.format(Locale.ROOT, "%.2f¢", totalCost * 100)
                : String.format(Locale.ROOT, "$%.2f", totalCost));
        v.put("duration", totalDuration > 0 ? duration(totalDuration) : "");
        v.put("linesAdded", Long.toString(added));
        v.put("linesRemoved", Long.toString(removed));
        v.put("netLines", Long.toString(added - removed));
        v.put("version", input.path("version").asText(""));
        v.put("sessionId", sessionId.length() > 8 ? sessionId.substring(0, 8) : sessionId);
        return v;
    }

    private static String kilo(long n) {
        return String.format(Locale.ROOT, "%.1fk", n / 1000.0);
    }

    /** CCR's {@code formatDuration}: {@code ms}, {@code x.ys}, {@code XmYs}. */
    static String duration(long ms) {
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
        }
        return (ms / 60_000) + "m" + Math.round((ms % 60_000) / 1000.0) + "s";
    }

    /** The token-speed file stores {@code "123ms"}; CCR then shows nothing (P-18). */
    private static Long milliseconds(JsonNode value) {
        if (value.isNumber()) {
            return value.asLong();
        }
        Matcher m = Pattern.compile("^(\\d+)(?:\\.\\d+)?ms$").matcher(value.asText(""));
        return m.matches() ? Long.parseLong(m.group(1)) : null;
    }

    static String gitBranch(String workDir) {
        if (workDir.isEmpty() || !Files.isDirectory(Path.of(workDir))) {
            return "";
        }
        try {
            Process git = new ProcessBuilder("git", "branch", "--show-current").directory(Path.of(workDir).toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).redirectInput(ProcessBuilder.Redirect.PIPE).start();
            git.getOutputStream().close();
            if (!git.waitFor(2, TimeUnit.SECONDS)) {
                git.destroyForcibly();
                return "";
            }
            return git.exitValue() == 0 ? new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim() : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** The {@code message} of the last {@code type:"assistant"} line with a model, reading only the file's tail. */
    static Optional<JsonNode> lastAssistantMessage(String transcript) {
        if (transcript.isEmpty()) {
            return Optional.empty();
        }
        String text;
        try (RandomAccessFile file = new RandomAccessFile(transcript, "r")) {
            long length = file.length();
            long start = Math.max(0, length - TRANSCRIPT_TAIL);
            byte[] bytes = new byte[(int) (length - start)];
            file.seek(start);
            file.readFully(bytes);
            text = new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Optional.empty();
        }
        List<String> lines = text.lines().toList();
        for (int i = lines.size() - 1; i >= 0; i--) {
            try {
                JsonNode line = JSON.readTree(lines.get(i));
                if (line != null && "assistant".equals(line.path("type").asText()) && !line.path("message").path("model").asText("").isEmpty()) {
                    return Optional.of(line.get("message"));
                }
            } catch (IOException | RuntimeException e) {
                // a line cut by the 1 MB window, or not JSON: keep looking
            }
        }
        return Optional.empty();
    }

    private static Optional<JsonNode> tokenSpeed(Sources sources, String sessionId) {
        if (sessionId.isEmpty() || !sessionId.matches("[A-Za-z0-9-]+")) {
            return Optional.empty();
        }
        Path file = sources.tempDir().resolve("claude-code-router").resolve("session-" + sessionId + ".json");
        try {
            return Optional.of(JSON.readTree(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /* --------------- Rendering --------------- */

    static String replace(String text, Map<String, String> variables) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(variables.getOrDefault(m.group(1), "")));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String text(Theme.Module module, Map<String, String> variables) {
        if (module.type().equals("script") && !module.scriptPath().isEmpty()) {
            return ScriptModule.run(Path.of(module.scriptPath()), variables, module.options());
        }
        return replace(module.text(), variables);
    }

    /** Modules joined by a space: {@code <bg><fg><icon> <text>ESC[0m}; modules with empty text are left out. */
    static String plain(Theme theme, Map<String, String> variables) {
        StringBuilder line = new StringBuilder();
        for (Theme.Module module : theme.modules()) {
            String text = text(module, variables);
            if (text.isEmpty()) {
                continue;
            }
            if (!line.isEmpty()) {
                line.append(' ');
            }
            line.append(Colors.background(module.background())).append(Colors.foreground(module.color()))
                    .append(module.icon().isEmpty() ? "" : module.icon() + " ").append(text).append(Colors.RESET);
        }
        return line.toString();
    }

    /** Up to 10 segments on truecolor backgrounds, each followed by a separator into the next background. */
    static String powerline(Theme theme, Map<String, String> variables) {
        StringBuilder line = new StringBuilder();
        List<Theme.Module> modules = theme.modules();
        for (int i = 0; i < Math.min(modules.size(), 10); i++) {
            Theme.Module module = modules.get(i);
            String text = text(module, variables);
            if (text.isEmpty()) {
                continue;
            }
            String display = (module.icon().isEmpty() ? "" : module.icon() + " ") + text;
            String next = i < modules.size() - 1 && !modules.get(i + 1).background().isEmpty() ? modules.get(i + 1).background() : null;
            String background = module.background().isEmpty() ? "bg_bright_blue" : module.background();
            line.append(segment(display, module.color().isEmpty() ? "white" : module.color(), background, next));
        }
        return line.toString();
    }

    private static String segment(String text, String foreground, String background, String nextBackground) {
        Optional<int[]> bg = Colors.rgb(background);
        if (bg.isEmpty()) {
            return "\u001b[48;2;33;150;243m\u001b[38;2;255;255;255m " + text + " " + Colors.RESET;
        }
        int[] fg = Colors.rgb(foreground).orElse(new int[] {255, 255, 255});
        String body = bgCode(bg.get()) + fgCode(fg) + " " + text + " " + Colors.RESET;
        if (nextBackground == null) {
            return body;
        }
        int[] next = Colors.rgb(nextBackground).orElse(new int[] {0, 0, 0});
        return body + fgCode(bg.get()) + bgCode(next) + SEPARATOR + Colors.RESET;
    }

    private static String fgCode(int[] rgb) {
        return "\u001b[38;2;" + rgb[0] + ";" + rgb[1] + ";" + rgb[2] + "m";
    }

    private static String bgCode(int[] rgb) {
        return "\u001b[48;2;" + rgb[0] + ";" + rgb[1] + ";" + rgb[2] + "m";
    }
}
