package dev.ccr.script;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.config.ScriptSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the configured scripts: a pool of {@link JsLoop}s on the shared engine, each with every script loaded. The
 * first loop loads in the background as soon as ccr starts (the server does not wait); the others follow it, reusing
 * its parsed sources. Calls are spread round-robin over the loops that are ready. A watchdog interrupts any slice of
 * JS that runs past its limit.
 */
final class ScriptHost implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScriptHost.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How often the watchdog looks for runaway slices; an interrupt lands within this of the limit. */
    private static final long WATCHDOG_PERIOD_MS = 50;

    private final ScriptSettings settings;
    private final String runtimeSettings;
    private final List<JsLoop> loops = new ArrayList<>();
    private final List<JsLoop> ready = new CopyOnWriteArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    private final ScheduledExecutorService timers;
    private final CompletableFuture<LoadReport> firstLoad;

    private ScriptHost(ScriptSettings settings, JsonNode resolvedConfig, String version) {
        this.settings = settings;
        this.runtimeSettings = runtimeSettings(settings, resolvedConfig, version);
        this.timers = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("ccr-js-timers").factory());
        for (int i = 0; i < settings.contexts(); i++) {
            loops.add(new JsLoop(i, this));
        }
        long started = System.nanoTime();
        this.firstLoad = loops.getFirst().load().handle((report, error) -> {
            if (error != null) {
                ScriptFailure failure = error.getCause() instanceof ScriptFailure f ? f : new ScriptFailure(String.valueOf(error.getCause()));
                LOG.error("The JS engine could not start: {}", failure.getMessage());
                return LoadReport.failedEntirely(settings.customRouter().isPresent(),
                        settings.plugins().stream().map(ScriptSettings.Plugin::path).toList(), failure);
            }
            logReport(report, Duration.ofNanos(System.nanoTime() - started));
            ready.add(loops.getFirst());
            return report;
        });
        firstLoad.thenRun(this::loadOthers);
        timers.scheduleAtFixedRate(this::watch, WATCHDOG_PERIOD_MS, WATCHDOG_PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    /** Starts loading in the background; returns at once. */
    static ScriptHost start(ScriptSettings settings, JsonNode resolvedConfig, String version) {
        return new ScriptHost(settings, resolvedConfig, version);
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

    /**
     * The load report, waiting at most {@code max} for the first load (the first requests after start wait here);
     * empty if it is not done by then.
     */
    Optional<LoadReport> awaitLoad(Duration max) {
        try {
            return Optional.of(firstLoad.get(max.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** A loop to run one call (and its follow-ups) on; only after a successful {@link #awaitLoad}. */
    JsLoop pick() {
        List<JsLoop> candidates = ready;
        return candidates.get(Math.floorMod(next.getAndIncrement(), candidates.size()));
    }

    private void loadOthers() {
        for (JsLoop loop : loops.subList(1, loops.size())) {
            try {
                loop.load().join();
                ready.add(loop);
            } catch (RuntimeException e) {
                LOG.warn("JS context {} did not load ({}); {} context(s) serve scripts", loop.number(), e.getMessage(), ready.size());
            }
        }
        // Warm each loop's own runtime paths (streams, Response, JSON), so first real calls are not the slow ones.
        for (JsLoop loop : ready) {
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
