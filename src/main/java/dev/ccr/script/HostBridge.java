package dev.ccr.script;

import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
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
 * never see it). Logging, timers, module files, {@code fs}, hashing and randomness, reading Java streams, and fetch.
 * Every callback into JS is posted to the Context's own loop.
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
    private final ProxyObject proxy;

    HostBridge(JsLoop loop, ScheduledExecutorService timers) {
        this.loop = loop;
        this.timers = timers;
        this.fetch = new HostFetch(loop);
        Map<String, Object> functions = new HashMap<>();
        functions.put("log", (ProxyExecutable) this::log);
        functions.put("setTimer", (ProxyExecutable) this::setTimer);
        functions.put("clearTimer", (ProxyExecutable) this::clearTimer);
        functions.put("fileKind", (ProxyExecutable) a -> HostFiles.kind(a[0].asString()));
        functions.put("readText", (ProxyExecutable) a -> HostFiles.readText(a[0].asString()));
        functions.put("compile", (ProxyExecutable) a -> HostFiles.compile(a[0].asString()));
        functions.put("fs", (ProxyExecutable) a -> ProxyArray.fromArray(HostFiles.fs(a)));
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
