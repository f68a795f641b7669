package dev.ccr.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real Redis server for a test, from Debian's {@code redis-server} package: on a random port of 127.0.0.1, nothing
 * saved to disk; {@link #pause} and {@link #resume} stop and restart it on the same port, as an outage would (it comes
 * back empty, like a Redis without persistence). Tests skip, as an assumption, where Redis is not installed.
 */
public final class LocalRedis implements AutoCloseable {
    private static final Path SERVER = Path.of("/usr/bin/redis-server");

    private final Path dir;
    private final int port;
    private Process process;

    private LocalRedis(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Starts a server; skips the calling test where Redis is absent. */
    public static LocalRedis start() {
        LocalServers.assumeInstalled(SERVER, "redis-server");
        LocalRedis redis = new LocalRedis(LocalServers.tempDir("ccr-redis", System.getProperty("user.name")),
                LocalServers.freePort());
        redis.resume();
        return redis;
    }

    public String uri() {
        return "redis://127.0.0.1:" + port + "/0";
    }

    public int port() {
        return port;
    }

    /** Starts the server (again), on the same port, and waits until it answers. */
    public synchronized void resume() {
        try {
            process = new ProcessBuilder(SERVER.toString(), "--port", String.valueOf(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", dir.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("Could not start redis-server: " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!answers()) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new IllegalStateException("redis-server did not start on port " + port);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Stops the server at once, as a crash would. */
    public synchronized void pause() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    private boolean answers() {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] reply = new byte[7];
            int read = in.read(reply);
            return read > 0 && new String(reply, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public synchronized void close() {
        pause();
        LocalServers.delete(dir);
    }
}
