package dev.ccr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ccr.config.Json5;
import dev.ccr.preset.SecretPlaceholders;
import dev.ccr.profile.Profile;
import dev.ccr.profile.Profiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code ccr profile show [NAME]}: a profile's folder, port, PID file and state, then its config with every secret
 * (the fields {@code preset export} would replace) shown as {@code <hidden>} — the fork printed them.
 */
@Command(name = "show", description = {"Show a profile (default: the active one) and its config, secrets hidden.", "",
        "Examples:", "  ccr profile show", "  ccr profile show work"})
final class ProfileShowCommand implements Callable<Integer> {
    static final String HIDDEN = "<hidden>";

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME")
    String name;

    ProfileShowCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Profile active = context.profiles().active();
        Profile profile = context.profiles().named(name != null ? name : context.profile());
        out.println("Profile: " + profile.name() + (profile.name().equals(active.name()) ? " (active)" : ""));
        out.println("Folder: " + profile.home().dir());
        out.println("Port: " + Profiles.port(profile));
        out.println("Router: " + ProfileCommand.state(profile));
        out.println("PID file: " + profile.home().pidFile());
        out.println("Config: " + profile.home().configFile());
        out.println();
        if (!Files.isRegularFile(profile.home().configFile())) {
            out.println("(no config yet: the first command that reads it writes CCR's minimal one)");
            return ExitCodes.OK;
        }
        JsonNode config;
        try {
            config = Json5.parse(Files.readString(profile.home().configFile(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CliException("Cannot read " + profile.home().configFile() + ": " + e.getMessage());
        }
        out.print(Json5.pretty(config.isObject() ? withoutSecrets((ObjectNode) config) : config));
        return ExitCodes.OK;
    }

    /** {@code config} with each secret {@code preset export} would replace shown as {@code <hidden>} instead. */
    static JsonNode withoutSecrets(ObjectNode config) {
        SecretPlaceholders.Result result = SecretPlaceholders.apply(config);
        Set<String> placeholders = result.replaced().stream().map(SecretPlaceholders.Replaced::placeholder)
                .collect(Collectors.toSet());
        return hide(result.config(), placeholders);
    }

    private static JsonNode hide(JsonNode node, Set<String> placeholders) {
        if (node.isTextual() && placeholders.contains(node.textValue())) {
            return TextNode.valueOf(HIDDEN);
        }
        if (node.isObject()) {
            ((ObjectNode) node).properties().forEach(field -> field.setValue(hide(field.getValue(), placeholders)));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                ((ArrayNode) node).set(i, hide(node.get(i), placeholders));
            }
        }
        return node;
    }
}
