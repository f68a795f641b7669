package dev.ccr.cli;

import dev.ccr.config.CcrHome;
import dev.ccr.config.Config;
import dev.ccr.config.ConfigException;
import dev.ccr.config.ConfigStore;
import dev.ccr.routing.TokenCounter;
import dev.ccr.server.PortInUseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code ccr start}: runs the router in the foreground until it is stopped (Ctrl-C or SIGTERM). */
@Command(name = "start", description = "Start the router in the foreground.")
final class StartCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption configOption;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, String> env = System.getenv();
        ConfigStore store = configOption.store(env);
        Config config;
        try {
            config = store.load(line -> {
                out.println(line);
                out.flush();
            });
        } catch (ConfigException e) {
            err.println(e.getMessage());
            e.problems().forEach(p -> err.println("  " + p));
            return ExitCodes.FAILURE;
        }
        Logging.configure(config, CcrHome.resolve(env));
        Thread.ofVirtual().start(() -> TokenCounter.cl100k().count(com.fasterxml.jackson.databind.node.MissingNode.getInstance()));

        RouterApp app;
        try {
            app = RouterApp.start(config, store);
        } catch (PortInUseException e) {
            err.println(e.getMessage());
            return ExitCodes.FAILURE;
        }
        Logger log = LoggerFactory.getLogger(StartCommand.class);
        log.info("ccr {} listening on http://{}:{} (config {})", Version.current(), config.host(), app.port(), store.file());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "ccr-shutdown"));
        stopped.await();
        return ExitCodes.OK;
    }
}
