package dev.ccr.script;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One JS Context and the single thread that owns it: Node's event loop, in small. Every touch of the Context goes
 * through this thread: calls from Java, promise callbacks, timers, fetch answers and body chunks, each posted as a
 * task. A task is one "slice" of JS; the {@link ScriptHost}'s watchdog interrupts a slice that runs too long
 * ({@link Context#interrupt}, the Context stays usable), and a Context cancelled by the statement limit is rebuilt
 * with every script loaded again.
 *
 * <p>Calls are asynchronous: {@link #call} posts the call and answers a future that the JS completes through a
 * {@code done(error, ...)} callback, possibly many tasks later (after a fetch, say). The thread waiting for the future
 * is the request's virtual thread, never this one.
 */
final class JsLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JsLoop.class);

    /** Loading runs the scripts' top-level code and their requires: generous, as a cold interpreter is slow. */
    static final Duration LOAD_SLICE_LIMIT = Duration.ofSeconds(60);

    /**
     * Callers wait this much longer than a call's time limit, so that a slice stopped by the watchdog at the limit is
     * reported as stopped (with its cause) rather than as a late answer.
     */
    static final Duration GRACE = Duration.ofMillis(250);

    private final ScriptHome home;
    private final ScriptHost host;
    private final int number;
    private final ExecutorService thread;
    private final JavaStreams streams = new JavaStreams();
    private final HostBridge bridge;

    private volatile Context context;
    private Value api;
    private volatile LoadReport report;
    private volatile long sliceStarted;
    private volatile long sliceLimitNanos;
    private volatile boolean interruptRequested;
    private volatile boolean closed;

    JsLoop(ScriptHome home, ScriptHost host) {
        this.home = home;
        this.number = home.number();
        this.host = host;
        this.thread = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("ccr-js-" + number).factory());
        this.bridge = new HostBridge(this, host.timers(), new ScriptGuard(home, host.ccrHome()), host.proxy());
    }

    int number() {
        return number;
    }

    ScriptHome home() {
        return home;
    }

    JavaStreams streams() {
        return streams;
    }

    /** The longest one slice of JS may run during a call: the call's own time limit. */
    Duration sliceLimit() {
        return host.settings().timeout();
    }

    /** Builds the Context and loads every script, on this loop's thread. */
    CompletableFuture<LoadReport> load() {
        return CompletableFuture.supplyAsync(this::buildAndLoad, thread);
    }

    private LoadReport buildAndLoad() {
        beginSlice(LOAD_SLICE_LIMIT);
        try {
            Context fresh = SharedEngine.newContext();
            context = fresh;
            api = Bootstrap.run(fresh, bridge, host.runtimeSettings());
            report = Bootstrap.loadScripts(api, home);
            return report;
        } catch (PolyglotException e) {
            throw ScriptFailure.of(e);
        } finally {
            endSlice();
        }
    }

    /** Records why this loop's Context could not start; a reload tries again. */
    LoadReport failedToStart(LoadReport failed) {
        report = failed;
        return failed;
    }

    /** What this loop's scripts are now: the first load's report, as reloads and rebuilds changed it. */
    LoadReport report() {
        return report;
    }

    /**
     * Loads again, in this loop's Context, the scripts whose files are among {@code changed}, after the calls already
     * queued; answers the new report, with one line per script in {@code outcomes}. A Context that never started is
     * built now.
     */
    CompletableFuture<LoadReport> reload(Set<Path> changed, List<String> outcomes) {
        return CompletableFuture.supplyAsync(() -> {
            if (api == null || report == null) {
                LoadReport loaded = buildAndLoad();
                outcomes.add("Loaded the scripts of JS context " + number + " again");
                return loaded;
            }
            beginSlice(LOAD_SLICE_LIMIT);
            try {
                context.resetLimits();
                report = Bootstrap.reloadScripts(api, home, changed, report, outcomes);
                return report;
            } finally {
                endSlice();
            }
        }, thread);
    }

    /* --------------- Calls --------------- */

    /**
     * Calls {@code function} of the runtime's API with {@code args} and a {@code done} callback appended; the future
     * completes with {@code onDone} applied to the callback's arguments (on this loop's thread, where Values may be
     * read). A failure thrown at once, or reported through {@code done}, completes it exceptionally.
     */
    <T> CompletableFuture<T> call(String function, Duration sliceLimit, Function<Value[], T> onDone, Object... args) {
        CompletableFuture<T> result = new CompletableFuture<>();
        ProxyExecutable done = values -> {
            try {
                result.complete(onDone.apply(values));
            } catch (PolyglotException e) {
                result.completeExceptionally(ScriptFailure.of(e));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
            return null;
        };
        Object[] all = Arrays.copyOf(args, args.length + 1);
        all[args.length] = done;
        post(sliceLimit, api -> api.invokeMember(function, all), result::completeExceptionally);
        return result;
    }

    /** Runs {@code task} on this loop with the API; failures go to {@code onFailure} (already as ScriptFailures). */
    void post(Duration sliceLimit, Consumer<Value> task, Consumer<Throwable> onFailure) {
        if (closed) {
            onFailure.accept(new ScriptFailure("the script host is shut down"));
            return;
        }
        try {
            thread.execute(() -> runSlice(sliceLimit, task, onFailure));
        } catch (RejectedExecutionException e) {
            onFailure.accept(new ScriptFailure("the script host is shut down"));
        }
    }

    /** Posts a callback from the host (a timer, a body chunk, a fetch answer); failures are logged. */
    void post(Consumer<Value> task) {
        post(host.settings().timeout(), task, e -> LOG.warn("A script callback failed: {}", e.getMessage()));
    }

    private void runSlice(Duration limit, Consumer<Value> task, Consumer<Throwable> onFailure) {
        if (context == null || api == null) {
            onFailure.accept(new ScriptFailure("the JS context is not available"));
            return;
        }
        beginSlice(limit);
        try {
            context.resetLimits();
            task.accept(api);
        } catch (PolyglotException e) {
            ScriptFailure failure = ScriptFailure.of(e);
            if (closed) {
                LOG.debug("JS context {} stopped a script while shutting down", number);
            } else if (e.isCancelled() || e.isResourceExhausted()) {
                LOG.error("JS context {} was cancelled ({}); rebuilding it and loading the scripts again", number, failure.getMessage());
                rebuild();
            } else if (e.isInterrupted()) {
                LOG.error("Stopped a script call on JS context {} that ran longer than {} ms", number, limit.toMillis());
            }
            onFailure.accept(failure);
        } catch (RuntimeException e) {
            onFailure.accept(e);
        } finally {
            endSlice();
        }
    }

    private void rebuild() {
        Context old = context;
        context = null;
        api = null;
        streams.closeAll();
        bridge.cancelAll();
        try {
            old.close(true);
        } catch (RuntimeException ignored) {
            // already cancelled
        }
        try {
            buildAndLoad();
            host.reported();
        } catch (RuntimeException e) {
            LOG.error("JS context {} could not be rebuilt: {}", number, e.getMessage());
        }
    }

    /* --------------- Watchdog --------------- */

    private void beginSlice(Duration limit) {
        sliceLimitNanos = limit.toNanos();
        interruptRequested = false;
        sliceStarted = System.nanoTime();
    }

    private void endSlice() {
        sliceStarted = 0;
    }

    /** Called by the watchdog thread: interrupts the running slice when it has run past its limit. */
    void interruptIfOverdue(long now) {
        long started = sliceStarted;
        Context running = context;
        if (started == 0 || running == null || interruptRequested || now - started < sliceLimitNanos) {
            return;
        }
        interruptRequested = true;
        try {
            running.interrupt(Duration.ofSeconds(2));
        } catch (TimeoutException e) {
            LOG.error("A script on JS context {} ignored the interrupt; cancelling the context", number);
            running.close(true);
        } catch (RuntimeException e) {
            LOG.debug("Interrupting JS context {} failed: {}", number, e.toString());
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.shutdown();
        Context running = context;
        streams.closeAll();
        bridge.cancelAll();
        if (running != null) {
            try {
                running.close(true);
            } catch (RuntimeException ignored) {
                // closing a cancelled context
            }
        }
        thread.shutdownNow();
    }
}
