package dev.ccr.launch;

/**
 * Ignores Ctrl-C (SIGINT) in this JVM while a launched client (Claude Code, Codex, ...) runs in the foreground: the
 * terminal sends it to both, and the client decides what it means. Without this the wrapper would die first, leaving
 * the client orphaned and the session uncounted. Uses {@code sun.misc.Signal} (module {@code jdk.unsupported}) reflectively; where it is missing,
 * nothing changes.
 */
public final class InterruptGuard {
    private InterruptGuard() {
    }

    /** Restores the previous handler when closed. */
    public interface Ignored extends AutoCloseable {
        @Override
        public void close();
    }

    public static Ignored ignoreInterrupt() {
        try {
            Class<?> signalType = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            Object signal = signalType.getConstructor(String.class).newInstance("INT");
            Object ignore = handlerType.getField("SIG_IGN").get(null);
            var handle = signalType.getMethod("handle", signalType, handlerType);
            Object previous = handle.invoke(null, signal, ignore);
            return () -> {
                try {
                    handle.invoke(null, signal, previous);
                } catch (ReflectiveOperationException ignored) {
                    // keep ignoring; the process is about to exit anyway
                }
            };
        } catch (ReflectiveOperationException | RuntimeException e) {
            return () -> { };
        }
    }
}
