package dev.ccr.script;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.graalvm.polyglot.Value;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The processes behind the scripts' {@code child_process}: {@link ProcessBuilder} with the script's command, arguments,
 * folder and environment. Output is read on virtual threads and handed to the loop chunk by chunk; the exit comes
 * after both streams ended, as Node's {@code 'close'} does.
 */
final class HostProcesses {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsLoop loop;
    private final ScriptGuard guard;
    private final Map<Integer, Process> running = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    HostProcesses(JsLoop loop, ScriptGuard guard) {
        this.loop = loop;
        this.guard = guard;
    }

    /**
     * spawn(command, argsJson, optionsJson {cwd, env}, onEvent): answers {@code [error | null, id, pid]}; events are
     * {@code ("stdout" | "stderr", bytes)} and finally {@code ("exit", code, signal)}.
     */
    Object[] spawn(Value... a) {
        Optional<String> denied = guard.process(a[0].asString());
        if (denied.isPresent()) {
            return new Object[] {denied.get(), null, null};
        }
        Value onEvent = a[3];
        onEvent.pin();
        Process process;
        try {
            process = builder(a[0].asString(), a[1].asString(), a[2].asString()).start();
        } catch (IOException e) {
            return new Object[] {"ENOENT: spawn " + a[0].asString() + ": " + e.getMessage(), null, null};
        }
        int id = ids.incrementAndGet();
        running.put(id, process);
        Thread out = pump(process.getInputStream(), "stdout", onEvent);
        Thread err = pump(process.getErrorStream(), "stderr", onEvent);
        Thread.ofVirtual().name("ccr-js-process").start(() -> {
            try {
                int code = process.waitFor();
                out.join();
                err.join();
                running.remove(id);
                // 128 + n is how a JDK reports a process killed by signal n.
                String signal = code == 143 ? "SIGTERM" : code == 137 ? "SIGKILL" : null;
                loop.post(api -> onEvent.executeVoid("exit", signal == null ? code : null, signal));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return new Object[] {null, id, process.pid()};
    }

    /**
     * run(command, argsJson, optionsJson {cwd, env, input, timeout}): runs to the end and answers
     * {@code [error | null, code, stdout, stderr]} (execSync and spawnSync block the script as in Node).
     */
    Object[] run(Value... a) {
        Optional<String> denied = guard.process(a[0].asString());
        if (denied.isPresent()) {
            return new Object[] {denied.get(), null, null, null};
        }
        try {
            JsonNode options = JSON.readTree(a[2].asString());
            Process process = builder(a[0].asString(), a[1].asString(), a[2].asString()).start();
            Thread.ofVirtual().start(() -> {
                try (OutputStream in = process.getOutputStream()) {
                    if (options.hasNonNull("input")) {
                        in.write(options.get("input").asText().getBytes(StandardCharsets.UTF_8));
                    }
                } catch (IOException ignored) {
                    // the process did not read its input
                }
            });
            ByteBuffer[] err = new ByteBuffer[1];
            Thread errReader = Thread.ofVirtual().start(() -> err[0] = readAll(process.getErrorStream()));
            ByteBuffer out = readAll(process.getInputStream());
            long timeout = options.path("timeout").asLong(0);
            if (timeout > 0 && !process.waitFor(timeout, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return new Object[] {"ETIMEDOUT: " + a[0].asString() + " ran longer than " + timeout + " ms", null, null, null};
            }
            int code = process.waitFor();
            errReader.join();
            return new Object[] {null, code, out, err[0]};
        } catch (IOException e) {
            return new Object[] {"ENOENT: spawnSync " + a[0].asString() + ": " + e.getMessage(), null, null, null};
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Object[] {"EINTR: interrupted", null, null, null};
        }
    }

    private static ProcessBuilder builder(String command, String argsJson, String optionsJson) throws IOException {
        List<String> line = new ArrayList<>();
        line.add(command);
        JSON.readTree(argsJson).forEach(arg -> line.add(arg.asText()));
        JsonNode options = JSON.readTree(optionsJson);
        ProcessBuilder builder = new ProcessBuilder(line);
        if (options.hasNonNull("cwd")) {
            builder.directory(new File(options.get("cwd").asText()));
        }
        if (options.path("env").isObject()) {
            builder.environment().clear();
            options.get("env").properties().forEach(e -> builder.environment().put(e.getKey(), e.getValue().asText()));
        }
        return builder;
    }

    private static ByteBuffer readAll(InputStream in) {
        try {
            return ByteBuffer.wrap(in.readAllBytes());
        } catch (IOException e) {
            return ByteBuffer.allocate(0);
        }
    }

    private Thread pump(InputStream in, String name, Value onEvent) {
        return Thread.ofVirtual().name("ccr-js-" + name).start(() -> {
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    ByteBuffer chunk = ByteBuffer.wrap(Arrays.copyOf(buffer, n));
                    loop.post(api -> onEvent.executeVoid(name, chunk));
                }
            } catch (IOException ignored) {
                // the process went away; its exit is reported
            }
        });
    }

    /** stdin(id, bytes | null): writes to the process's input, or closes it. */
    Object stdin(Value... a) {
        Process process = running.get(a[0].asInt());
        if (process != null) {
            byte[] bytes = a[1] == null || a[1].isNull() ? null : HostFiles.bytes(a[1]);
            try {
                if (bytes == null) {
                    process.getOutputStream().close();
                } else {
                    process.getOutputStream().write(bytes);
                    process.getOutputStream().flush();
                }
            } catch (IOException ignored) {
                // the process closed its input (EPIPE); Node reports it on the stream, plugins ignore it
            }
        }
        return null;
    }

    /** kill(id, force): ends the process. */
    Object kill(Value... a) {
        Process process = running.get(a[0].asInt());
        if (process != null) {
            if (a[1].asBoolean()) {
                process.destroyForcibly();
            } else {
                process.destroy();
            }
        }
        return null;
    }

    void killAll() {
        running.values().forEach(Process::destroyForcibly);
        running.clear();
    }
}
