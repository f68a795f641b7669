package dev.ccr.cli;

import dev.ccr.daemon.HealthProbe;
import dev.ccr.daemon.Service;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class StartCommandTest {
    /* --------------- Config errors --------------- */

    /** Spec §11 item 49 at the command line: the message CCR prints, and exit code 1. */
    @Tag("ccr-11.49")
    @Test
    void anInvalidConfigStopsStartWithCcrsMessageAndExitCode1() {
        try (CliTestHome home = CliTestHome.create()) {
            home.config("{ \"PORT\": 3456,, }");

            CliTestHome.Result result = home.run("start");

            assertThat(result.code()).as(result.toString()).isEqualTo(1);
            assertThat(result.err()).contains("Failed to parse config file at " + home.configFile())
                    .contains("Error details:").contains("Please check your config file syntax.");
            assertThat(home.pidFile()).doesNotExist();
        }
    }

    /* --------------- Port checks --------------- */

    @Test
    void startOnATakenPortFailsWithinTwoSecondsNamingThePort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             CliTestHome home = CliTestHome.create()) {
            int port = taken.getLocalPort();
            home.config("{\"PORT\":%d,\"Providers\":[],\"Router\":{}}".formatted(port));

            CliTestHome.Result result = home.run("start");

            assertThat(result.code()).as(result.toString()).isNotZero();
            assertThat(result.took()).isLessThan(Duration.ofSeconds(2));
            assertThat(result.err()).contains("Port " + port).contains("already in use");
            assertThat(home.pidFile()).doesNotExist();
        }
    }

    @Test
    void daemonOnATakenPortReportsWhyInsteadOfTimingOut() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             CliTestHome home = CliTestHome.create()) {
            int port = taken.getLocalPort();
            home.config("{\"PORT\":%d,\"Providers\":[],\"Router\":{}}".formatted(port));

            CliTestHome.Result result = home.run("start", "--daemon");

            assertThat(result.code()).as(result.toString()).isEqualTo(1);
            assertThat(result.err()).contains("Port " + port).contains("already in use");
            assertThat(result.took()).isLessThan(Duration.ofSeconds(2));
            assertThat(home.pidFile()).doesNotExist();
        }
    }

    @Test
    void aBackgroundServerThatFailsToStartIsReportedWithItsOutputAtOnce() {
        try (CliTestHome home = CliTestHome.create()) {
            home.config("{\"HOST\":\"no-such-host.invalid\",\"APIKEY\":\"k\",\"PORT\":%d}".formatted(CliTestHome.freePort()));

            CliTestHome.Result result = home.run("start", "--daemon");

            assertThat(result.code()).as(result.toString()).isEqualTo(1);
            assertThat(result.err()).contains("exited with code 1").contains("daemon.log");
            assertThat(result.took()).as("no start-up timeout").isLessThan(Duration.ofSeconds(20));
            assertThat(home.pidFile()).doesNotExist();
        }
    }

    /* --------------- PID file --------------- */

    @Test
    void foregroundStartWritesThePidFileWhileItListensAndRemovesItOnStop() throws Exception {
        int port = CliTestHome.freePort();
        try (CliTestHome home = CliTestHome.create().config("{\"PORT\":%d,\"Providers\":[],\"Router\":{}}".formatted(port))) {
            CompletableFuture<CliTestHome.Result> start = CliTestHome.inBackground(() -> home.run("start"));
            CliTestHome.waitUntil(Duration.ofSeconds(20), () -> Files.exists(home.pidFile()));
            assertThat(Files.readString(home.pidFile())).isEqualTo(Long.toString(ProcessHandle.current().pid()));
            assertThat(HealthProbe.healthy(port)).isTrue();
            assertThat(home.run("status").out()).contains("🌐 Port: " + port);

            home.stopForeground();

            assertThat(start.get(20, TimeUnit.SECONDS).code()).isZero();
            assertThat(home.pidFile()).doesNotExist();
            assertThat(HealthProbe.healthy(port)).isFalse();
        }
    }

    @Test
    void aStalePidFileIsDetectedAndCleaned() throws Exception {
        try (CliTestHome home = CliTestHome.create().config("{\"PORT\":%d}".formatted(CliTestHome.freePort()))) {
            Process gone = new ProcessBuilder("true").start();
            gone.waitFor();
            Files.writeString(home.pidFile(), Long.toString(gone.pid()));

            CliTestHome.Result status = home.run("status");

            assertThat(status.out()).contains("Not Running");
            assertThat(home.pidFile()).doesNotExist();
        }
    }

    @Test
    void aPidFileThatIsNotANumberIsStaleToo() throws Exception {
        try (CliTestHome home = CliTestHome.create().config("{\"PORT\":%d}".formatted(CliTestHome.freePort()))) {
            Files.writeString(home.pidFile(), "not a pid");

            assertThat(home.run("stop").out()).contains("may have already been stopped");
            assertThat(home.pidFile()).doesNotExist();
        }
    }

    @Test
    void aPidReusedByAnotherProgramIsNotSignalled() throws Exception {
        try (CliTestHome home = CliTestHome.create().config("{\"PORT\":%d}".formatted(CliTestHome.freePort()))) {
            Process other = new ProcessBuilder("sleep", "30").start();
            try {
                Files.writeString(home.pidFile(), Long.toString(other.pid()));

                CliTestHome.Result stop = home.run("stop");

                assertThat(stop.out()).contains("may have already been stopped");
                assertThat(other.isAlive()).isTrue();
                assertThat(home.pidFile()).doesNotExist();
            } finally {
                other.destroy();
            }
        }
    }

    /* --------------- Restart --------------- */

    @Test
    void restartStopsTheRunningRouterAndReportsOnlyOnceTheNewOneAnswers() {
        int port = CliTestHome.freePort();
        try (CliTestHome home = CliTestHome.create().config("{\"PORT\":%d,\"Providers\":[],\"Router\":{}}".formatted(port))) {
            CliTestHome.Result started = home.run("start", "--daemon");
            assertThat(started.code()).as(started.toString()).isZero();
            long before = home.runningPid().orElseThrow();

            CliTestHome.Result restart = home.run("restart");

            assertThat(restart.code()).as(restart.toString()).isZero();
            assertThat(restart.out()).contains("claude code router service has been stopped.",
                    "Starting claude code router service...", "✅ Service started successfully in the background");
            long after = home.runningPid().orElseThrow();
            assertThat(after).isNotEqualTo(before);
            assertThat(HealthProbe.healthy(port)).isTrue();
        }
    }
}
