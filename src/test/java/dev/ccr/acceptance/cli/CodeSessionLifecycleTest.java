package dev.ccr.acceptance.cli;

import dev.ccr.cli.CliTestHome;
import dev.ccr.cli.FakeClaude;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the last {@code ccr code} exits the session count returns to 0 and the router it started is
 * stopped; claude's exit code is propagated. ccr's fixes (P-15): a router the user started is left running, and a
 * second session keeps the router up until it ends too.
 */
@Tag("ccr-11.65")
class CodeSessionLifecycleTest {
    @Test
    void lastSessionStopsTheRouterItStartedAndClaudesExitCodeIsPropagated() {
        try (CliTestHome home = CliTestHome.create()) {
            home.config("{\"PORT\":%d,\"Providers\":[],\"Router\":{}}".formatted(CliTestHome.freePort()));
            FakeClaude claude = FakeClaude.in(home.dir().resolve("bin"), home.pidFile(), 7, 0);
            home.env("CLAUDE_PATH", claude.script().toString());

            CliTestHome.Result result = home.run("code", "-p", "hi");

            assertThat(result.code()).as(result.toString()).isEqualTo(7);
            long serverPid = Long.parseLong(claude.pidFileContent());
            assertThat(home.sessions()).isZero();
            assertThat(home.pidFile()).doesNotExist();
            CliTestHome.waitUntil(java.time.Duration.ofSeconds(5), () -> !CliTestHome.alive(serverPid)); // reaped
        }
    }

    @Test
    void aRouterStartedByTheUserIsNotStoppedByCode() {
        try (CliTestHome home = CliTestHome.create()) {
            home.config("{\"PORT\":%d,\"Providers\":[],\"Router\":{}}".formatted(CliTestHome.freePort()));
            CliTestHome.Result started = home.run("start", "--daemon");
            assertThat(started.code()).as(started.toString()).isZero();
            long serverPid = home.runningPid().orElseThrow();
            FakeClaude claude = FakeClaude.in(home.dir().resolve("bin"), home.pidFile(), 0, 0);
            home.env("CLAUDE_PATH", claude.script().toString());

            CliTestHome.Result result = home.run("code");

            assertThat(result.code()).as(result.toString()).isZero();
            assertThat(result.out()).doesNotContain("starting service");
            assertThat(home.sessions()).isZero();
            assertThat(home.runningPid()).contains(serverPid);
        }
    }

    @Test
    void theRouterStaysUpUntilTheLastOfTwoSessionsEnds() throws Exception {
        try (CliTestHome home = CliTestHome.create()) {
            home.config("{\"PORT\":%d,\"Providers\":[],\"Router\":{}}".formatted(CliTestHome.freePort()));
            FakeClaude slow = FakeClaude.in(home.dir().resolve("slow"), home.pidFile(), 0, 4);
            FakeClaude quick = FakeClaude.in(home.dir().resolve("quick"), home.pidFile(), 3, 0);

            home.env("CLAUDE_PATH", slow.script().toString());
            CompletableFuture<CliTestHome.Result> first = CliTestHome.inBackground(() -> home.run("code"));
            CliTestHome.waitUntil(java.time.Duration.ofSeconds(40), slow::ran);
            long serverPid = home.runningPid().orElseThrow();

            home.env("CLAUDE_PATH", quick.script().toString());
            CliTestHome.Result second = home.run("code");
            assertThat(second.code()).isEqualTo(3);
            assertThat(home.runningPid()).as("the first session still runs").contains(serverPid);
            assertThat(home.sessions()).isEqualTo(1);

            assertThat(first.get(40, TimeUnit.SECONDS).code()).isZero();
            assertThat(home.sessions()).isZero();
            assertThat(home.runningPid()).isEmpty();
        }
    }
}
