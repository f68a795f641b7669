package dev.ccr.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server for a test class, from Debian's {@code postgresql} package: a fresh cluster in a temp
 * folder, on a random port of 127.0.0.1, trusting local connections; stopped and deleted on {@link #close}. PostgreSQL
 * refuses to run as root, so under root the cluster belongs to (and runs as) the {@code postgres} system user.
 * Tests skip, as an assumption, where PostgreSQL is not installed.
 */
public final class LocalPostgres implements AutoCloseable {
    /** Debian installs each major version side by side; the newest is taken. */
    private static final Path BIN = newestInstalled(Path.of("/usr/lib/postgresql"));
    private static final String USER = "postgres";

    private final Path dir;
    private final Path data;
    private final int port;
    private final AtomicInteger databases = new AtomicInteger();
    private boolean running;

    private LocalPostgres(Path dir, int port) {
        this.dir = dir;
        this.data = dir.resolve("data");
        this.port = port;
    }

    /** Creates and starts a cluster; skips the calling test where PostgreSQL is absent. */
    public static LocalPostgres start() {
        LocalServers.assumeInstalled(BIN.resolve("pg_ctl"), "postgresql");
        if (LocalServers.root()) {
            LocalServers.assumeInstalled(Path.of("/usr/sbin/runuser"), "util-linux");
        }
        LocalPostgres postgres = new LocalPostgres(LocalServers.tempDir("ccr-postgres", USER), LocalServers.freePort());
        try {
            LocalServers.run(USER, List.of(BIN.resolve("initdb").toString(), "-D", postgres.data.toString(), "-U", USER,
                    "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"));
            postgres.resume();
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::close));
            return postgres;
        } catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
    }

    /** Starts the server again after {@link #pause} (or for the first time), on the same port with the same data. */
    public synchronized void resume() {
        LocalServers.run(USER, List.of(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-s",
                "-l", dir.resolve("server.log").toString(), "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -F", "start"));
        running = true;
    }

    /** Stops the server at once, as a crash or a restart would, keeping its data for {@link #resume}. */
    public synchronized void pause() {
        if (running) {
            running = false;
            LocalServers.run(USER, List.of(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-s",
                    "-m", "immediate", "stop"));
        }
    }

    private static Path newestInstalled(Path versions) {
        try (var dirs = Files.list(versions)) {
            return dirs.map(d -> d.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("pg_ctl")))
                    .max(java.util.Comparator.comparingInt(bin -> Integer.parseInt(
                            bin.getParent().getFileName().toString().replaceAll("\\D", "0"))))
                    .orElse(versions.resolve("15/bin"));
        } catch (java.io.IOException e) {
            return versions.resolve("15/bin");
        }
    }

    /** A new, empty database on this server and the JDBC URL that reaches it. */
    public String newDatabase() {
        String name = "ccr_test_" + databases.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(url("postgres"));
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name + ": " + e.getMessage(), e);
        }
        return url(name);
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + USER;
    }

    public int port() {
        return port;
    }

    @Override
    public synchronized void close() {
        try {
            if (Files.isDirectory(data)) {
                pause();
            }
        } finally {
            LocalServers.delete(dir);
        }
    }
}
