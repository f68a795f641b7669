package dev.ccr.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Opens a URL in the user's browser, as {@code ccr ui} does; says whether it could. */
@FunctionalInterface
public interface Browser {
    /** A browser that is never there: the URL is printed instead. */
    Browser NONE = uri -> false;

    /** Tries to open {@code uri}; {@code false} when no browser could be started. */
    boolean open(URI uri);

    /**
     * CCR's openers ({@code open} on macOS, {@code xdg-open} on Linux, {@code start} on Windows, docs/cli.md), used
     * only when they exist and, on Linux, when there is a display to open a window on.
     */
    static Browser desktop() {
        return uri -> {
            String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
            List<String> command;
            if (os.contains("mac")) {
                command = List.of("open", uri.toString());
            } else if (os.contains("win")) {
                command = List.of("rundll32", "url.dll,FileProtocolHandler", uri.toString());
            } else {
                if (System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null) {
                    return false;
                }
                if (!onPath("xdg-open")) {
                    return false;
                }
                command = List.of("xdg-open", uri.toString());
            }
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                return !process.waitFor(5, TimeUnit.SECONDS) || process.exitValue() == 0;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        };
    }

    private static boolean onPath(String executable) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, executable))) {
                return true;
            }
        }
        return false;
    }
}
