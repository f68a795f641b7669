package dev.ccr.script;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.config.CcrHome;
import dev.ccr.config.ScriptSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the configured scripts, each in exactly one {@link JsLoop} (one Context and its thread), so there is one
 * instance of each plugin and of the custom router, as in CCR's single Node process. Trusted scripts share one loop;
 * each sandboxed script has its own ({@link ScriptHome}). They load in the background as soon as ccr starts (the
 * server does not wait). A watchdog interrupts any slice of JS that runs past its limit.
 *
 * <p>Why no pool of identical Contexts: a plugin's constructor may listen on a port, cache an OAuth token or count,
 * and two copies break those. An object cannot be shared between Contexts, and forwarding calls from pool Contexts
 * to the owner would add a second thread hop per call. One owner loop keeps each call at one hop (the request's
 * thread to the loop's), as before.
 */
final class ScriptHost implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScriptHost.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How often the watchdog looks for runaway slices; an interrupt lands within this of the limit. */
    private static final long WATCHDOG_PERIOD_MS = 50;

    private final ScriptSettings settings;
    private final String runtimeSettings;
    private final Path ccrHome;
    private final Optional<URI> proxy;
    private final List<JsLoop> loops = new ArrayList<>();
    private final JsLoop routerLoop;
    private final ScheduledExecutorService timers;
    private final CompletableFuture<LoadReport> firstLoad;

    private final ScriptCalls calls;
    /** The report calls resolve their scripts with: the first load's, then as reloads and rebuilds change it. */
    private volatile LoadReport current;
    /** Requests using these scripts now; -1 once closed after retiring. */
    private final AtomicInteger users = new AtomicInteger();
    private volatile boolean retired;
    /** Until every loop has loaded once, calls wait for the first load rather than take a partial report. */
    private volatile boolean firstLoadDone;

    private ScriptHost(ScriptSettings settings, JsonNode resolvedConfig, Optional<URI> proxy, String version, ScriptCalls calls) {
        this.calls = calls;
        this.settings = settings;
        this.runtimeSettings = runtimeSettings(settings, resolvedConfig, version);
        this.ccrHome = CcrHome.resolve(settings.env()).dir();
        this.proxy = proxy;
        this.timers = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("ccr-js-timers").factory());
        for (ScriptHome home : ScriptHome.of(settings)) {
            loops.add(new JsLoop(home, this));
        }
        this.routerLoop = loops.stream().filter(l -> l.home().router().isPresent()).findFirst().orElse(loops.getFirst());
        long started = System.nanoTime();
        // The trusted home is empty when every script is sandboxed: no Context is built for it then.
        List<CompletableFuture<LoadReport>> loads = loops.stream()
                .filter(loop -> !loop.home().isEmpty())
                .map(loop -> loop.load().handle((report, error) -> report != null ? report : loop.failedToStart(failed(loop.home(), error))))
                .toList();
        this.firstLoad = CompletableFuture.allOf(loads.toArray(CompletableFuture[]::new)).thenApply(done -> {
            firstLoadDone = true;
            LoadReport report = reported();
            logReport(report, Duration.ofNanos(System.nanoTime() - started));
            return report;
        });
        firstLoad.thenRun(this::warm);
        timers.scheduleAtFixedRate(this::watch, WATCHDOG_PERIOD_MS, WATCHDOG_PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    /** Where call times go. */
    ScriptCalls calls() {
        return calls;
    }

    /** Starts loading in the background; returns at once. {@code proxy} is ccr's own, for the scripts' http(s) clients. */
    static ScriptHost start(ScriptSettings settings, JsonNode resolvedConfig, Optional<URI> proxy, String version,
                            ScriptCalls calls) {
        return new ScriptHost(settings, resolvedConfig, proxy, version, calls);
    }

    private static LoadReport failed(ScriptHome home, Throwable error) {
        ScriptFailure failure = error.getCause() instanceof ScriptFailure f ? f : new ScriptFailure(String.valueOf(error.getCause()));
        LOG.error("The JS engine could not start: {}", failure.getMessage());
        return LoadReport.failedEntirely(home.router().isPresent(),
                home.plugins().stream().map(e -> e.plugin().path()).toList(), failure);
    }

    ScriptSettings settings() {
        return settings;
    }

    String runtimeSettings() {
        return runtimeSettings;
    }

    ScheduledExecutorService timers() {
        return timers;
    }

    /** ccr's home folder: sandboxed scripts may use files there. */
    Path ccrHome() {
        return ccrHome;
    }

    Optional<URI> proxy() {
        return proxy;
    }

    /**
     * The load report, waiting at most {@code max} for the first load (the first requests after start wait here);
     * empty if it is not done by then.
     */
    Optional<LoadReport> awaitLoad(Duration max) {
        LoadReport now = current;
        if (now != null) {
            return Optional.of(now);
        }
        try {
            LoadReport first = firstLoad.get(max.toMillis(), TimeUnit.MILLISECONDS);
            now = current;
            return Optional.of(now != null ? now : first);
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * Merges the loops' reports into the one that calls starting from now resolve their scripts with (once the first
     * load is done; before, calls wait for it).
     */
    synchronized LoadReport reported() {
        List<LoadReport> reports = loops.stream().filter(loop -> !loop.home().isEmpty() && loop.report() != null)
                .map(JsLoop::report).toList();
        LoadReport merged = LoadReport.merge(settings.customRouter().isPresent(), reports);
        if (firstLoadDone) {
            current = merged;
        }
        return merged;
    }

    /* --------------- Reloading changed files --------------- */

    /** The script files, as the file watch names them. */
    Set<Path> files() {
        Set<Path> files = new LinkedHashSet<>();
        settings.customRouter().map(Bootstrap::normal).ifPresent(files::add);
        settings.plugins().forEach(p -> files.add(Bootstrap.normal(p.path())));
        return files;
    }

    /**
     * Loads the scripts in {@code changed} again, each in the Context it lives in, after the calls queued there; calls
     * that start afterwards use the new scripts, calls under way finish on the old. A script that fails to load is
     * refused with one log line, and the running one stays. Called by the one file-watch thread; it does not hold
     * this host's lock while the loops work, since a loop rebuilding its Context reports through {@link #reported}.
     */
    void reload(Set<Path> changed) {
        List<String> outcomes = new CopyOnWriteArrayList<>();
        List<CompletableFuture<LoadReport>> reloads = loops.stream()
                .filter(loop -> !loop.home().isEmpty() && loop.home().scripts().stream().map(Bootstrap::normal).anyMatch(changed::contains))
                .map(loop -> loop.reload(changed, outcomes).whenComplete((report, error) -> reported()))
                .toList();
        for (CompletableFuture<LoadReport> reload : reloads) {
            try {
                reload.get(JsLoop.LOAD_SLICE_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                outcomes.add("The changed scripts " + changed + " are refused: " + e.getCause().getMessage());
            } catch (TimeoutException e) {
                outcomes.add("The changed scripts " + changed + " did not load within " + JsLoop.LOAD_SLICE_LIMIT.toSeconds() + " s");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        reported();
        for (String outcome : outcomes) {
            if (outcome.startsWith("Reloaded") || outcome.startsWith("Loaded")) {
                LOG.info(outcome);
            } else {
                LOG.error(outcome);
            }
        }
    }

    /* --------------- Retiring after a config change --------------- */

    /**
     * Counts a request that uses these scripts, so that a host the config no longer names closes only when the last
     * one is done; false when it is closed already.
     */
    boolean enter() {
        while (true) {
            int now = users.get();
            if (now < 0) {
                return false;
            }
            if (users.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    /** A request counted by {@link #enter} is done with these scripts. */
    void leave() {
        if (users.decrementAndGet() == 0 && retired) {
            closeIfUnused();
        }
    }

    /** The config names other scripts now: closes once no request uses this host. */
    void retire() {
        retired = true;
        closeIfUnused();
    }

    private void closeIfUnused() {
        if (users.compareAndSet(0, -1)) {
            close();
        }
    }

    /** The loop that holds {@code plugin}: every call to it (and its follow-ups) runs there. */
    JsLoop loopOf(PluginInfo plugin) {
        return loops.get(plugin.home());
    }

    /** The loop that holds the custom router. */
    JsLoop routerLoop() {
        return routerLoop;
    }

    /** Runs the runtime's own paths (streams, Response, JSON) once, so first real calls are not the slow ones. */
    private void warm() {
        for (JsLoop loop : loops) {
            if (loop.home().isEmpty()) {
                continue;
            }
            loop.call("warm", JsLoop.LOAD_SLICE_LIMIT, values -> {
                ScriptFailure.throwIfError(values[0]);
                return null;
            }).exceptionally(e -> {
                LOG.debug("Warming JS context {} failed: {}", loop.number(), e.getMessage());
                return null;
            });
        }
    }

    private void logReport(LoadReport report, Duration took) {
        settings.customRouter().ifPresent(path -> report.routerFailure().ifPresentOrElse(
                failure -> LOG.error("Custom router {} failed to load: {}; the built-in rules route every request",
                        path, describe(failure)),
                () -> LOG.info("Custom router {} loaded in {} ms", path, took.toMillis())));
        for (PluginInfo plugin : report.plugins()) {
            LOG.info("Loaded {}", plugin.label());
        }
        for (LoadReport.PluginFailure failure : report.pluginFailures()) {
            LOG.error("Plugin {} was not loaded: {}", failure.path(), describe(failure.failure()));
        }
    }

    private static String describe(ScriptFailure failure) {
        return failure.module()
                .map(m -> "it requires module '" + m + "', which ccr does not provide (" + failure.getMessage() + ")")
                .orElse(failure.getMessage());
    }

    private void watch() {
        long now = System.nanoTime();
        for (JsLoop loop : loops) {
            loop.interruptIfOverdue(now);
        }
    }

    /** What the runtime gets as {@code rt.settings}: environment, config, and the facts {@code os} and {@code process} report. */
    private static String runtimeSettings(ScriptSettings settings, JsonNode resolvedConfig, String version) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode env = root.putObject("env");
        settings.env().forEach(env::put);
        root.set("config", resolvedConfig.isObject() ? resolvedConfig : JSON.createObjectNode());
        root.put("cwd", Path.of("").toAbsolutePath().toString());
        root.put("pid", ProcessHandle.current().pid());
        root.put("version", version);
        String osName = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String platform = osName.startsWith("mac") ? "darwin" : osName.startsWith("windows") ? "win32" : osName.startsWith("linux") ? "linux" : osName;
        String arch = System.getProperty("os.arch", "");
        ObjectNode os = root.putObject("os");
        os.put("platform", platform);
        os.put("type", platform.equals("darwin") ? "Darwin" : platform.equals("win32") ? "Windows_NT" : "Linux");
        os.put("arch", arch.equals("amd64") || arch.equals("x86_64") ? "x64" : arch.equals("aarch64") ? "arm64" : arch);
        os.put("release", System.getProperty("os.version", ""));
        os.put("eol", platform.equals("win32") ? "\r\n" : "\n");
        os.put("homedir", dev.ccr.config.CcrHome.userHome(settings.env()).toString());
        os.put("tmpdir", settings.env().getOrDefault("TMPDIR", System.getProperty("java.io.tmpdir")).replaceAll("/$", ""));
        os.put("username", settings.env().getOrDefault("USER", System.getProperty("user.name")));
        os.put("hostname", settings.env().getOrDefault("HOSTNAME", "localhost"));
        os.put("cpus", Runtime.getRuntime().availableProcessors());
        os.put("totalmem", Runtime.getRuntime().maxMemory());
        os.put("freemem", Runtime.getRuntime().freeMemory());
        return root.toString();
    }

    @Override
    public void close() {
        timers.shutdownNow();
        loops.forEach(JsLoop::close);
    }
}
