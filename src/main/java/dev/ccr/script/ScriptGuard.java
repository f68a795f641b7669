package dev.ccr.script;

import dev.ccr.config.ScriptPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keeps a sandboxed home's scripts to their {@link ScriptPolicy}: files under the script's folder and ccr's home,
 * calls to the listed hosts, no processes, no listening sockets. Each check answers the message the script's call
 * fails with, or empty when allowed, and logs the denied attempt with the script's path. A trusted home allows all.
 */
final class ScriptGuard {
    private static final Logger LOG = LoggerFactory.getLogger(ScriptGuard.class);

    private final ScriptPolicy policy;
    private final String script;
    private final List<Path> roots = new ArrayList<>();

    ScriptGuard(ScriptHome home, Path ccrHome) {
        this.policy = home.policy();
        this.script = home.isEmpty() ? "" : home.script().toString();
        if (policy.sandboxed()) {
            roots.add(real(home.script().toAbsolutePath().getParent()));
            roots.add(real(ccrHome.toAbsolutePath()));
        }
    }

    boolean sandboxed() {
        return policy.sandboxed();
    }

    /** {@code op} on {@code path}: allowed only inside the script's folder or ccr's home (after resolving links). */
    Optional<String> file(String op, String path) {
        if (!policy.sandboxed()) {
            return Optional.empty();
        }
        Path real = real(Path.of(path).toAbsolutePath().normalize());
        if (roots.stream().anyMatch(real::startsWith)) {
            return Optional.empty();
        }
        return deny("access '" + path + "' (" + op + ")", "files are limited to " + roots.get(0) + " and " + roots.get(1));
    }

    /** A connection to {@code host:port}: allowed only to the listed hosts. */
    Optional<String> connect(String host, int port) {
        if (policy.allowsHost(host, port)) {
            return Optional.empty();
        }
        return deny("connect to " + host + ":" + port, policy.allowedHosts().isEmpty()
                ? "no hosts are allowed (add them to \"sandbox\": {\"allowHosts\": [...]})"
                : "allowed hosts are " + policy.allowedHosts());
    }

    /** Starting a process. */
    Optional<String> process(String command) {
        return policy.sandboxed() ? deny("run '" + command + "'", "sandboxed scripts run no processes") : Optional.empty();
    }

    /** Listening on a port. */
    Optional<String> listen(String address, int port) {
        return policy.sandboxed() ? deny("listen on " + address + ":" + port, "sandboxed scripts open no listening sockets") : Optional.empty();
    }

    /** Reading the terminal. */
    Optional<String> terminal() {
        return policy.sandboxed() ? deny("read the terminal", "sandboxed scripts have no terminal") : Optional.empty();
    }

    private Optional<String> deny(String attempt, String why) {
        LOG.warn("Sandbox: {} tried to {}; denied ({})", script, attempt, why);
        return Optional.of("ccr sandbox: " + Path.of(script).getFileName() + " may not " + attempt + ": " + why);
    }

    /** The path with links resolved as far as it exists, so a link inside a root cannot lead out of it. */
    private static Path real(Path path) {
        Path existing = path;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return path;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(path));
        } catch (IOException e) {
            return path;
        }
    }
}
