package dev.ccr.script;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * ccr's own standard input as the scripts' terminal ({@code readline}, {@code process.stdin}): one reader thread for
 * the whole process, started on first use, handing out lines in order. A ccr started with {@code --daemon} has no
 * terminal (its input is the null device), and says so at once instead of waiting forever.
 */
final class HostTerminal {
    /** Set by {@code ccr start --daemon} on the background server it starts. */
    static final String DAEMON_PROPERTY = "ccr.daemon";

    /** A line, or the end of the input. */
    private record Line(String text) {
    }

    private static final Line END = new Line(null);
    private static final BlockingQueue<Line> LINES = new LinkedBlockingQueue<>();
    private static volatile boolean started;

    private HostTerminal() {
    }

    /** Why scripts cannot use the terminal, or empty when they can. */
    static Optional<String> unavailable() {
        if (Boolean.getBoolean(DAEMON_PROPERTY)) {
            return Optional.of("ccr runs in the background (ccr start --daemon), so there is no terminal to read; "
                    + "start it in the foreground (ccr start) to answer a plugin's questions");
        }
        return Optional.empty();
    }

    /** The next line of ccr's input, waiting for it; empty at the end of the input. Call off the loop thread. */
    static Optional<String> nextLine() throws InterruptedException {
        startReader();
        Line line = LINES.take();
        if (line == END) {
            LINES.add(END);
            return Optional.empty();
        }
        return Optional.of(line.text());
    }

    private static synchronized void startReader() {
        if (started) {
            return;
        }
        started = true;
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Thread.ofPlatform().daemon().name("ccr-js-stdin").start(() -> {
            try {
                for (String line; (line = in.readLine()) != null; ) {
                    LINES.add(new Line(line));
                }
            } catch (IOException ignored) {
                // the input closed: the end
            }
            LINES.add(END);
        });
    }
}
