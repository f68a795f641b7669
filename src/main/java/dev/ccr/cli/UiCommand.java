package dev.ccr.cli;

import dev.ccr.config.Config;
import dev.ccr.daemon.ServerProcess;
import dev.ccr.daemon.Service;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code ccr ui}: starts the router in the background if needed, then opens {@code http://127.0.0.1:<PORT>/ui/} in
 * the browser (onto the provider form when no provider is configured), or prints the URL when no browser can be
 * opened (a server, SSH, a container). Unlike CCR it never
 * replaces a config that fails to start with a blank one; it says why the start failed.
 */
@Command(name = "ui", description = {"Open the web UI (starts the router if needed).", "", "Example:", "  ccr ui"})
final class UiCommand implements Callable<Integer> {
    /** The UI's address of the add-a-provider form. */
    static final String NEW_PROVIDER = "#/config/provider/new";

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption configOption;

    @Option(names = "--no-browser", description = "Only print the URL.")
    boolean noBrowser;

    UiCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Config config = configOption.load(context, spec.commandLine().getErr());
        Service service = new Service(context.home());
        Service.Running server = service.running(config.port()).orElse(null);
        if (server == null) {
            out.println("Service not running, starting service...");
            out.flush();
            server = switch (context.serverProcess().start(Optional.ofNullable(configOption.file))) {
                case ServerProcess.Outcome.Started started -> started.server();
                case ServerProcess.Outcome.Failed failed -> throw new CliException(failed.reason());
            };
        }
        // A first run has nothing to show but the form that fixes it.
        URI url = URI.create(server.endpoint() + "/ui/" + (config.providers().isEmpty() ? NEW_PROVIDER : ""));
        if (!noBrowser && context.browser().open(url)) {
            out.println("Opening UI at " + url);
        } else {
            out.println("Open the UI in your browser: " + url);
        }
        return ExitCodes.OK;
    }
}
