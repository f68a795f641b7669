package dev.ccr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.config.Config;
import dev.ccr.routing.RouteDecision;
import dev.ccr.routing.Router;
import dev.ccr.routing.RoutingRequest;
import dev.ccr.routing.TokenCounter;
import dev.ccr.routing.TraceStep;
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
 * and prints each rule's verdict in order and the target it picked. Runs the same rule engine the server runs.
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
        JsonNode body;
        try {
            String text = file.equals("-") ? new String(context.in().readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(Path.of(file), StandardCharsets.UTF_8);
            body = JSON.readTree(text);
        } catch (IOException e) {
            throw new CliException("Cannot read the request in " + file + ": " + e.getMessage());
        }
        if (body == null || !body.isObject()) {
            throw new CliException(file + " must hold a JSON object: an Anthropic Messages request body.");
        }
        Map<String, String> lowerCase = new LinkedHashMap<>();
        headers.forEach((k, v) -> lowerCase.put(k.toLowerCase(Locale.ROOT), v));
        RoutingRequest request = new RoutingRequest((ObjectNode) body, lowerCase, config, TokenCounter.cl100k());
        RouteDecision decision = Router.ccrDefault().decide(request);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode result = JSON.createObjectNode();
            result.put("target", decision.target().map(Object::toString).orElse(null));
            result.put("scenario", decision.scenario());
            result.put("tokenCount", request.tokenCount());
            ArrayNode trace = result.putArray("trace");
            for (TraceStep step : decision.trace()) {
                trace.addObject().put("rule", step.rule()).put("decided", step.decided()).put("reason", step.reason());
            }
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
        } else {
            out.println("Route: " + decision.target().map(Object::toString).orElse("(none)")
                    + "  (scenario " + decision.scenario() + ", " + request.tokenCount() + " tokens)");
            out.println("Rules, in order:");
            decision.trace().forEach(step -> out.println("  " + step));
        }
        return decision.target().isPresent() ? ExitCodes.OK : ExitCodes.FAILURE;
    }
}
