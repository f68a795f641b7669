package dev.ccr.app;

import dev.ccr.config.Config;
import dev.ccr.config.ConfigException;
import dev.ccr.config.ConfigStore;
import dev.ccr.resilience.Resilience;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

/**
 * The one reference to the runtime serving {@code /v1/messages}, and the one way to change it: read the config file,
 * parse, validate, build, swap. Requests that already started finish on the runtime they began with; new ones get
 * the new one. A config that does not parse, validate or build is refused with its problems, and the running
 * runtime stays. Scripts the new config names differently are started for it ({@link dev.ccr.script.Scripts#configure}).
 */
final class CurrentRuntime {
    private final ConfigStore store;
    private final Services services;
    private volatile Runtime runtime;
    /** The config text the running runtime was built from, so a write of the same text rebuilds nothing. */
    private String appliedText;

    CurrentRuntime(Config config, ConfigStore store, Services services) {
        this.store = store;
        this.services = services;
        this.appliedText = fileText();
        this.runtime = Runtime.build(config, services, Runtime.Namespace.MAIN, Optional.empty());
    }

    Runtime get() {
        return runtime;
    }

    /**
     * Applies the file as it is now. Breakers and promotions carry over unless the resilience settings changed.
     *
     * @return the changed settings that apply only at the next start ({@link RestartOnly})
     */
    synchronized List<String> reload() throws ConfigException {
        String text = fileText();
        Config next = store.load(notice -> { });
        Runtime running = runtime;
        Optional<Resilience> carried = next.resilience().equals(running.config().resilience())
                ? Optional.of(running.resilience()) : Optional.empty();
        services.scripts().configure(next);
        runtime = Runtime.build(next, services, Runtime.Namespace.MAIN, carried);
        appliedText = text;
        return RestartOnly.changed(services.startConfig(), next);
    }

    /** {@link #reload()} unless the file holds the text applied already; empty when it did not reload. */
    synchronized Optional<List<String>> reloadIfChanged() throws ConfigException {
        if (fileText().equals(appliedText)) {
            return Optional.empty();
        }
        return Optional.of(reload());
    }

    private String fileText() {
        try {
            return Files.readString(store.file());
        } catch (IOException e) {
            return "";
        }
    }
}
