package dev.ccr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for Claude Code: a shell script that records its arguments, environment, the content of its
 * {@code --settings} file, whether the router's PID file existed and what it read on stdin, then exits with a chosen
 * code. Tests point {@code CLAUDE_PATH} at it.
 */
public final class FakeClaude {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path script;
    private final Path record;

    private FakeClaude(Path script, Path record) {
        this.script = script;
        this.record = record;
    }

    /** Writes the script into {@code dir}; it will exit with {@code exitCode}, after {@code sleepSeconds}. */
    public static FakeClaude in(Path dir, Path pidFile, int exitCode, double sleepSeconds) {
        try {
            Files.createDirectories(dir);
            Path record = dir.resolve("claude-record.txt");
            Path script = dir.resolve("fake-claude");
            String text = """
                    #!/bin/sh
                    out='%s'
                    {
                      for a in "$@"; do printf 'ARG=%%s\\n' "$a"; done
                      env | sed 's/^/ENV=/'
                      prev=''
                      for a in "$@"; do
                        if [ "$prev" = '--settings' ]; then printf 'SETTINGS_FILE=%%s\\n' "$a"; printf 'SETTINGS=%%s\\n' "$(cat "$a")"; fi
                        prev="$a"
                      done
                      if [ -f '%s' ]; then printf 'PIDFILE=%%s\\n' "$(cat '%s')"; else echo 'PIDFILE='; fi
                      if IFS= read -r line; then printf 'STDIN=%%s\\n' "$line"; else echo 'STDIN=<eof>'; fi
                    } > "$out.tmp"
                    mv "$out.tmp" "$out"
                    echo 'fake claude says hi'
                    sleep %s
                    exit %d
                    """.formatted(record, pidFile, pidFile, sleepSeconds, exitCode);
            Files.writeString(script, text);
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
            return new FakeClaude(script, record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path script() {
        return script;
    }

    public boolean ran() {
        return Files.exists(record);
    }

    private List<String> lines() {
        try {
            return Files.readAllLines(record, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("claude did not run: " + record, e);
        }
    }

    private List<String> values(String prefix) {
        List<String> values = new ArrayList<>();
        for (String line : lines()) {
            if (line.startsWith(prefix + "=")) {
                values.add(line.substring(prefix.length() + 1));
            }
        }
        return values;
    }

    public List<String> args() {
        return values("ARG");
    }

    public Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        for (String entry : values("ENV")) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                env.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        return env;
    }

    public JsonNode settings() {
        try {
            return JSON.readTree(values("SETTINGS").getFirst());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path settingsFile() {
        return Path.of(values("SETTINGS_FILE").getFirst());
    }

    /** What the PID file held while claude ran ("" when there was none). */
    public String pidFileContent() {
        return values("PIDFILE").getFirst();
    }

    public String stdin() {
        return values("STDIN").getFirst();
    }
}
