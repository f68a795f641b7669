package dev.ccr.statusline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A {@code type:"script"} module: CCR {@code require()}s the file and calls its export with the variables and the
 * module's options (docs/cli.md). ccr runs the same module in {@code node}, when Node is installed, with a two-second
 * limit; otherwise, or on any failure, the module shows nothing.
 */
final class ScriptModule {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Loads the module as CCR does and prints what it returns: a function (or default function) result, or a string. */
    private static final String RUNNER = """
            const m = require(process.argv[1]);
            const vars = JSON.parse(process.argv[2]); const opts = JSON.parse(process.argv[3]);
            const f = typeof m === 'function' ? m : (m && typeof m.default === 'function' ? m.default : null);
            Promise.resolve(f ? f(vars, opts) : (typeof m === 'string' ? m : (m && typeof m.default === 'string' ? m.default : '')))
              .then(r => process.stdout.write(r == null ? '' : String(r)), () => {});
            """;

    private ScriptModule() {
    }

    static String run(Path script, Map<String, String> variables, JsonNode options) {
        if (!Files.isRegularFile(script)) {
            return "";
        }
        try {
            Process node = new ProcessBuilder("node", "-e", RUNNER, script.toAbsolutePath().toString(),
                    JSON.writeValueAsString(variables), options.isObject() ? options.toString() : "{}")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            node.getOutputStream().close();
            if (!node.waitFor(2, TimeUnit.SECONDS)) {
                node.destroyForcibly();
                return "";
            }
            return node.exitValue() == 0 ? new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip() : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
