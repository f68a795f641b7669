package dev.ccr.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccr.config.Config;
import dev.ccr.routing.Explainer;
import dev.ccr.routing.RouteDecision;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code ccr route --explain FILE}: routes a saved request body with the config's rules, without sending anything,
 * and prints the target, the deciding rule and every rule's verdict in order ({@link Explainer}; docs/routing.md).
 * A fresh router: a running server's {@code POST /api/route/explain} also knows its sessions' last usage.
 */
@Command(name = "route", description = {"Explain where a request would be routed, without sending it.", "",
        "Example:", "  ccr route --explain request.json", "  ccr route --explain - --json < request.json"})
final class RouteCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption configOption;

    @Option(names = "--explain", required = true, paramLabel = "FILE",
            description = "An Anthropic Messages request body (JSON); - reads standard input.")
    String file;

    @Option(names = "--header", paramLabel = "NAME=VALUE", description = "A request header the rules may read (repeatable).")
    Map<String, String> headers = new LinkedHashMap<>();

    @Option(names = "--json", description = "Print the decision as JSON.")
    boolean json;

    RouteCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        Config config = configOption.load(context, spec.commandLine().getErr());
        String text;
        try {
            text = file.equals("-") ? new String(context.in().readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException("Cannot read the request in " + file + ": " + e.getMessage());
        }
        Map<String, String> lowerCase = new LinkedHashMap<>();
        headers.forEach((k, v) -> lowerCase.put(k.toLowerCase(Locale.ROOT), v));
        RouteDecision decision;
        try {
            decision = Explainer.decide(config, text, lowerCase);
        } catch (IllegalArgumentException e) {
            throw new CliException(file + ": " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? JSON.writerWithDefaultPrettyPrinter().writeValueAsString(decision.toJson()) + "\n" : decision.render());
        out.flush();
        return decision.target().isPresent() ? ExitCodes.OK : ExitCodes.FAILURE;
    }
}
