package dev.ccr.cli;

import dev.ccr.config.Config;
import dev.ccr.daemon.HealthProbe;
import dev.ccr.daemon.Service;
import dev.ccr.launch.Sessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code ccr status}: CCR's status box (docs/cli.md) — running or not, PID, port, endpoint, PID file — plus uptime,
 * whether {@code /health} answers, the config file and the number of live {@code ccr code} sessions.
 */
@Command(name = "status", description = {"Show whether the router runs, and where.", "", "Example:", "  ccr status"})
final class StatusCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption configOption;

    StatusCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Config config = configOption.load(context, spec.commandLine().getErr());
        Optional<Service.Running> running = new Service(context.home()).running(config.port());
        out.println();
        out.println("📊 Claude Code Router Status");
        out.println("═".repeat(40));
        if (running.isPresent()) {
            Service.Running server = running.get();
            out.println("✅ Status: Running");
            out.println("🆔 Process ID: " + server.pid());
            out.println("🌐 Port: " + server.port());
            out.println("📡 API Endpoint: " + server.endpoint());
            server.startedAt().ifPresent(started ->
                    out.println("⏱️  Uptime: " + uptime(Duration.between(started, context.clock().instant()))));
            out.println("💓 Health: " + (HealthProbe.healthy(server.port()) ? "answering" : "not answering on " + server.endpoint() + "/health"));
            out.println("📄 PID File: " + context.home().pidFile());
            out.println("⚙️  Config: " + server.configFile().orElse(configOption.path(context)));
            out.println("👥 ccr code/codex/gemini/opencode sessions: " + new Sessions(context.home()).live());
            out.println();
            out.println("🚀 Ready to use! Run the following commands:");
            out.println("   ccr code    # Start coding with Claude");
            out.println("   ccr stop   # Stop the service");
        } else {
            out.println("❌ Status: Not Running");
            out.println("⚙️  Config: " + configOption.path(context));
            out.println();
            out.println("💡 To start the service:");
            out.println("   ccr start");
        }
        out.println();
        return ExitCodes.OK;
    }

    static String uptime(Duration d) {
        if (d.isNegative()) {
            d = Duration.ZERO;
        }
        long days = d.toDays();
        String hms = d.toHoursPart() + "h " + d.toMinutesPart() + "m " + d.toSecondsPart() + "s";
        return days > 0 ? days + "d " + hms : hms;
    }
}
