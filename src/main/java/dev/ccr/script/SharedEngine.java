package dev.ccr.script;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.Source;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one GraalJS {@link Engine} of the process and what every Context shares through it: the host access policy,
 * the resource limits and parsed {@link Source}s. A script loaded into several Contexts is parsed once, because the
 * same Source object goes to each (notes/graaljs-and-undertow.md: ~5-8 ms per extra Context instead of seconds).
 *
 * <p>Nothing here is touched unless a script is configured, so a ccr without scripts never loads GraalJS.
 */
final class SharedEngine {
    /** Plugins see no Java at all: no host classes, no host objects; only byte buffers cross (for bodies). */
    static final HostAccess HOST_ACCESS = HostAccess.newBuilder().allowBufferAccess(true).build();

    /**
     * A runaway guard behind the time limit: a Context that runs this many statements without returning to the host
     * is cancelled and rebuilt. Far above any real call (a call runs thousands), reached only by an endless loop that
     * the time limit somehow did not stop.
     */
    static final long STATEMENT_LIMIT = 2_000_000_000L;

    private static final ResourceLimits LIMITS = ResourceLimits.newBuilder().statementLimit(STATEMENT_LIMIT, null).build();
    private static final String RESOURCE_ROOT = "ccr/js/";

    private static final Map<String, Source> SOURCES = new ConcurrentHashMap<>();
    private static final Map<String, Optional<String>> RESOURCES = new ConcurrentHashMap<>();

    private SharedEngine() {
    }

    private static final class Holder {
        static final Engine ENGINE = Engine.newBuilder("js")
                .option("engine.WarnInterpreterOnly", "false")
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                .build();
    }

    /** A new Context on the shared engine, locked down: no host classes, no IO, no threads, no native access. */
    static Context newContext() {
        return Context.newBuilder("js")
                .engine(Holder.ENGINE)
                .allowHostAccess(HOST_ACCESS)
                .allowHostClassLookup(name -> false)
                .allowExperimentalOptions(true)
                .option("js.text-encoding", "true")
                .option("js.performance", "true")
                .option("js.java-package-globals", "false")
                .option("js.polyglot-builtin", "false")
                .option("js.graal-builtin", "false")
                .option("js.print", "false")
                .option("js.load", "false")
                .option("js.console", "false")
                .option("js.unhandled-rejections", "none")
                .resourceLimits(LIMITS)
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                .build();
    }

    /**
     * The parsed source for {@code text} under {@code name}, shared by every Context. One per name: a script edited
     * on disk replaces its old text here, so edits do not pile up.
     */
    static Source source(String name, String text) {
        return SOURCES.compute(name, (n, known) -> known != null && text.contentEquals(known.getCharacters())
                ? known : Source.newBuilder("js", text, name).cached(true).buildLiteral());
    }

    /** One of ccr's runtime files under {@code ccr/js/} on the classpath, e.g. {@code node_modules/buffer/index.js}. */
    static Optional<String> resource(String relative) {
        return RESOURCES.computeIfAbsent(relative, SharedEngine::readResource);
    }

    private static Optional<String> readResource(String relative) {
        if (relative.contains("..")) {
            return Optional.empty();
        }
        try (InputStream in = SharedEngine.class.getClassLoader().getResourceAsStream(RESOURCE_ROOT + relative)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
