package dev.ccr.script;

import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The only door from a Context to Java: one object of plain functions that the runtime files close over (scripts
 * never see it). Logging, timers, module files, {@code fs}, hashing and randomness, reading Java streams, fetch and
 * {@code http(s)}, servers, processes and the terminal. Every callback into JS is posted to the Context's own loop.
 * Whatever a sandboxed script may not do is refused here, by the {@link ScriptGuard}, not in JS the script could change.
 */
final class HostBridge {
    /** Script output ({@code console.log}, {@code this.logger}): one logger, each line prefixed with its source. */
    private static final Logger SCRIPT_LOG = LoggerFactory.getLogger("dev.ccr.script.console");
    /** A script logging whole request bodies must not flood ccr's log. */
    private static final int MAX_LOG_LINE = 16 * 1024;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JsLoop loop;
    private final ScheduledExecutorService timers;
    private final Map<Integer, ScheduledFuture<?>> pendingTimers = new ConcurrentHashMap<>();
    private final HostFetch fetch;
    private final HostFds fds = new HostFds();
    private final HostServers servers;
    private final HostProcesses processes;
    private final ProxyObject proxy;

    HostBridge(JsLoop loop, ScheduledExecutorService timers, ScriptGuard guard, Optional<URI> httpProxy) {
        this.loop = loop;
        this.timers = timers;
        this.fetch = new HostFetch(loop, guard, httpProxy);
        this.servers = new HostServers(loop, guard);
        this.processes = new HostProcesses(loop, guard);
        Map<String, Object> functions = new HashMap<>();
        functions.put("log", (ProxyExecutable) this::log);
        functions.put("setTimer", (ProxyExecutable) this::setTimer);
        functions.put("clearTimer", (ProxyExecutable) this::clearTimer);
        functions.put("fileKind", (ProxyExecutable) a -> HostFiles.kind(a[0].asString()));
        functions.put("readText", (ProxyExecutable) a -> HostFiles.readText(a[0].asString()));
        functions.put("compile", (ProxyExecutable) a -> HostFiles.compile(a[0].asString()));
        functions.put("fs", (ProxyExecutable) a -> ProxyArray.fromArray(HostFiles.fs(guard, a)));
        functions.put("fd", (ProxyExecutable) a -> ProxyArray.fromArray(fds.call(guard, a)));
        functions.put("listen", (ProxyExecutable) a -> ProxyArray.fromArray(servers.listen(a)));
        functions.put("respondHead", (ProxyExecutable) servers::head);
        functions.put("respondWrite", (ProxyExecutable) servers::write);
        functions.put("respondEnd", (ProxyExecutable) servers::end);
        functions.put("closeServer", (ProxyExecutable) servers::close);
        functions.put("spawn", (ProxyExecutable) a -> ProxyArray.fromArray(processes.spawn(a)));
        functions.put("spawnSync", (ProxyExecutable) a -> ProxyArray.fromArray(processes.run(a)));
        functions.put("processInput", (ProxyExecutable) processes::stdin);
        functions.put("killProcess", (ProxyExecutable) processes::kill);
        functions.put("readLine", (ProxyExecutable) a -> readLine(guard, a[0]));
        functions.put("digest", (ProxyExecutable) this::digest);
        functions.put("randomBytes", (ProxyExecutable) a -> {
            byte[] bytes = new byte[Math.max(0, a[0].asInt())];
            RANDOM.nextBytes(bytes);
            return ByteBuffer.wrap(bytes);
        });
        functions.put("randomUUID", (ProxyExecutable) a -> UUID.randomUUID().toString());
        functions.put("read", (ProxyExecutable) this::read);
        functions.put("closeStream", (ProxyExecutable) a -> {
            loop.streams().close(a[0].asInt());
            return null;
        });
        functions.put("fetch", (ProxyExecutable) fetch::start);
        functions.put("abortFetch", (ProxyExecutable) a -> {
            fetch.abort(a[0].asInt());
            return null;
        });
        this.proxy = ProxyObject.fromMap(functions);
    }

    ProxyObject proxy() {
        return proxy;
    }

    /** Drops pending timers and fetches (the Context is going away). */
    void cancelAll() {
        pendingTimers.values().forEach(f -> f.cancel(false));
        pendingTimers.clear();
        fetch.abortAll();
        fds.closeAll();
        servers.closeAll();
        processes.killAll();
    }

    /**
     * readLine(callback | null): answers at once with why there is no terminal, or null and later calls back with the
     * next line of ccr's input (null at its end); without a callback it only checks.
     */
    private Object readLine(ScriptGuard guard, Value callback) {
        Optional<String> unavailable = guard.terminal().or(HostTerminal::unavailable);
        if (unavailable.isPresent()) {
            return unavailable.get();
        }
        if (callback == null || callback.isNull()) {
            return null;
        }
        callback.pin();
        Thread.ofVirtual().name("ccr-js-readline").start(() -> {
            try {
                String line = HostTerminal.nextLine().orElse(null);
                loop.post(api -> callback.executeVoid(line));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return null;
    }

    private Object log(Value... a) {
        String level = a[0].asString();
        String source = a[1].asString();
        String message = a[2].asString();
        if (message.length() > MAX_LOG_LINE) {
            message = message.substring(0, MAX_LOG_LINE) + "… (" + message.length() + " chars)";
        }
        switch (level) {
            case "trace" -> SCRIPT_LOG.trace("[{}] {}", source, message);
            case "debug" -> SCRIPT_LOG.debug("[{}] {}", source, message);
            case "warn" -> SCRIPT_LOG.warn("[{}] {}", source, message);
            case "error" -> SCRIPT_LOG.error("[{}] {}", source, message);
            default -> SCRIPT_LOG.info("[{}] {}", source, message);
        }
        return null;
    }

    private Object setTimer(Value... a) {
        int id = a[0].asInt();
        long delay = Math.max(0, a[1].asLong());
        pendingTimers.put(id, timers.schedule(() -> {
            pendingTimers.remove(id);
            loop.post(api -> api.invokeMember("fireTimer", id));
        }, delay, TimeUnit.MILLISECONDS));
        return null;
    }

    private Object clearTimer(Value... a) {
        ScheduledFuture<?> pending = pendingTimers.remove(a[0].asInt());
        if (pending != null) {
            pending.cancel(false);
        }
        return null;
    }

    /** digest(algorithm, bytes, hmacKey | null): MessageDigest or Mac over one buffer. */
    private Object digest(Value... a) {
        String algorithm = a[0].asString();
        byte[] data = HostFiles.bytes(a[1]);
        try {
            if (a[2] == null || a[2].isNull()) {
                return ByteBuffer.wrap(MessageDigest.getInstance(algorithm).digest(data));
            }
            Mac mac = Mac.getInstance(algorithm);
            byte[] key = HostFiles.bytes(a[2]);
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, algorithm));
            return ByteBuffer.wrap(mac.doFinal(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Digest method not supported: " + algorithm);
        }
    }

    /**
     * read(id, callback): reads the next chunk of Java stream {@code id} on a virtual thread, then calls back on the
     * loop with {@code (ByteBuffer | null at the end, null)} or {@code (null, error message)}.
     */
    private Object read(Value... a) {
        int id = a[0].asInt();
        Value callback = a[1];
        callback.pin();
        Optional<InputStream> in = loop.streams().get(id);
        if (in.isEmpty()) {
            loop.post(api -> callback.executeVoid(null, "the stream is closed"));
            return null;
        }
        Thread.ofVirtual().name("ccr-js-read").start(() -> {
            byte[] chunk;
            try {
                chunk = JavaStreams.readSome(in.get());
            } catch (IOException e) {
                String message = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                loop.post(api -> callback.executeVoid(null, message));
                return;
            }
            if (chunk == null) {
                loop.streams().close(id);
            }
            loop.post(api -> callback.executeVoid(chunk == null ? null : ByteBuffer.wrap(chunk), null));
        });
        return null;
    }
}
