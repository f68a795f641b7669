package dev.ccr.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** What {@link LocalPostgres} and {@link LocalRedis} share: running a command to its end, a free port, cleaning up. */
final class LocalServers {
    private LocalServers() {
    }

    /** Skips the test (an assumption, as for a missing Chromium) unless {@code binary} is installed. */
    static void assumeInstalled(Path binary, String packageName) {
        Assumptions.assumeTrue(Files.isExecutable(binary), binary + " is not installed (Debian package " + packageName
                + "; .ci/run installs it)");
    }

    /** Whether this JVM runs as root, where servers that refuse root are run as their own system user. */
    static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Runs {@code command} (as {@code user} when we are root) and returns its output; fails the test on exit != 0. */
    static String run(String user, List<String> command) {
        List<String> full = new ArrayList<>();
        if (root() && user != null) {
            full.addAll(List.of("runuser", "-u", user, "--"));
        }
        full.addAll(command);
        try {
            Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", full) + " failed:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A port free on 127.0.0.1 a moment ago. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh temporary folder, owned by {@code user} when we are root. */
    static Path tempDir(String prefix, String user) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            if (root()) {
                run(null, List.of("chown", user + ":", dir.toString()));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp folder is harmless
        }
    }
}
