package dev.ccr.app;

import dev.ccr.config.CcrHome;
import dev.ccr.config.Config;
import dev.ccr.config.ConfigException;
import dev.ccr.config.ConfigStore;
import dev.ccr.server.CcrServer;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A running router, and ccr's one composition root: the {@link Services} opened once, the {@link Runtime} of the
 * current config (held in one reference that {@link #reload} swaps, also when the file changes on disk), the preset namespaces, and the server over them.
 */
public final class RouterApp implements AutoCloseable {
    private final Services services;
    private final CurrentRuntime current;
    private final PresetPipelines presets;
    private final CcrServer server;
    private final AutoCloseable watcher;

    private RouterApp(Services services, CurrentRuntime current, PresetPipelines presets, CcrServer server,
                      AutoCloseable watcher) {
        this.services = services;
        this.current = current;
        this.presets = presets;
        this.server = server;
        this.watcher = watcher;
    }

    /**
     * Where the router finds its presets and writes token-speed files.
     *
     * @param home    ccr's home; its {@code presets/} are served under {@code /preset/<name>}; empty: no presets
     * @param env     the environment preset configs are interpolated with
     * @param tempDir {@code $TMPDIR}, under which the token-speed plugin writes
     * @param version ccr's version, as {@code GET /} and the JS plugins' context report it
     */
    public record Options(Optional<CcrHome> home, Map<String, String> env, Path tempDir, String version) {
        public Options {
            env = Map.copyOf(env);
        }

        /** No presets; the process's environment and temp folder; the version from the jar manifest. */
        public static Options defaults() {
            String tmp = System.getenv("TMPDIR");
            return new Options(Optional.empty(), System.getenv(),
                    Path.of(tmp != null && !tmp.isBlank() ? tmp : System.getProperty("java.io.tmpdir")), manifestVersion());
        }

        /** ccr's version from the jar manifest, {@code dev} when run from classes. */
        public static String manifestVersion() {
            String v = RouterApp.class.getPackage().getImplementationVersion();
            return v == null ? "dev" : v;
        }
    }

    /** Assembles and starts everything with {@link Options#defaults()}; returns once the port is bound. */
    public static RouterApp start(Config config, ConfigStore store) {
        return start(config, store, Options.defaults());
    }

    /** Assembles and starts everything; returns once the port is bound. */
    public static RouterApp start(Config config, ConfigStore store, Options options) {
        CcrHome home = new CcrHome(store.file().toAbsolutePath().getParent());
        Services services = Services.open(config, home, options, Clock.systemUTC());
        try {
            CurrentRuntime current = new CurrentRuntime(config, store, services);
            services.metrics().watchCircuits(() -> current.get().pipeline().healthReport());
            // Preset namespaces: their own providers and Router, the global plugins and services.
            PresetPipelines presets = new PresetPipelines(options.home().map(CcrHome::presets), config, options.env(),
                    presetConfig -> Runtime.build(presetConfig, services, Runtime.Namespace.PRESET, Optional.empty()).pipeline());
            CcrServer server = CcrServer.start(config,
                    new CcrServer.Backends(() -> current.get().pipeline(), presets::find, store, current::reload,
                            options.home().map(CcrHome::logs), services.usage(), services.metrics(), services.quotas(),
                            services.clock(), options.version()),
                    new CcrServer.Team(services.limits(), () -> TeamState.health(services.redis(), services.usage())));
            return new RouterApp(services, current, presets, server, ConfigWatcher.start(store.file(), current::reloadIfChanged));
        } catch (RuntimeException e) {
            services.close();
            throw e;
        }
    }

    /**
     * Applies the config file as it is now, without a restart ({@link CurrentRuntime}).
     *
     * @return the changed settings that apply only at the next start
     */
    public List<String> reload() throws ConfigException {
        return current.reload();
    }

    /** The runtime serving {@code /v1/messages} now. */
    public Runtime runtime() {
        return current.get();
    }

    public int port() {
        return server.port();
    }

    public CcrServer server() {
        return server;
    }

    @Override
    public void close() {
        try {
            watcher.close();
        } catch (Exception e) {
            // the watch is gone either way
        }
        server.close();
        presets.close();
        services.close();
    }
}
