package dev.ccr.acceptance.cli;

import dev.ccr.cli.CliTestHome;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ccr start} while running prints {@code claude-code-router server is running};
 * {@code ccr stop} kills the process, removes the PID file and says so; {@code ccr status} shows running or not
 * running with PID, port and endpoint.
 */
@Tag("ccr-11.66")
class StartStopStatusTest {
    @Test
    void startStatusStopAndStatusAgain() {
        int port = CliTestHome.freePort();
        try (CliTestHome home = CliTestHome.create().config("{\"PORT\":%d,\"Providers\":[],\"Router\":{}}".formatted(port))) {
            CliTestHome.Result daemon = home.run("start", "--daemon");
            assertThat(daemon.code()).as(daemon.toString()).isZero();
            long pid = home.runningPid().orElseThrow();
            assertThat(daemon.out()).contains("PID " + pid).contains("http://127.0.0.1:" + port);
            assertThat(home.dir().resolve("logs").resolve("daemon.log")).exists();

            CliTestHome.Result again = home.run("start");
            assertThat(again.code()).isZero();
            assertThat(again.out()).isEqualTo("claude-code-router server is running\n");

            CliTestHome.Result status = home.run("status");
            assertThat(status.out()).contains("✅ Status: Running", "🆔 Process ID: " + pid, "🌐 Port: " + port,
                    "📡 API Endpoint: http://127.0.0.1:" + port, "📄 PID File: " + home.pidFile(), "Uptime: ",
                    "Health: answering", "Config: " + home.configFile());

            CliTestHome.Result stop = home.run("stop");
            assertThat(stop.code()).isZero();
            assertThat(stop.out()).isEqualTo("claude code router service has been successfully stopped.\n");
            assertThat(home.pidFile()).doesNotExist();
            CliTestHome.waitUntil(java.time.Duration.ofSeconds(5), () -> !CliTestHome.alive(pid)); // reaped

            CliTestHome.Result after = home.run("status");
            assertThat(after.out()).contains("❌ Status: Not Running").doesNotContain("Process ID");

            CliTestHome.Result stopAgain = home.run("stop");
            assertThat(stopAgain.out()).isEqualTo("Failed to stop the service. It may have already been stopped.\n");
        }
    }
}
