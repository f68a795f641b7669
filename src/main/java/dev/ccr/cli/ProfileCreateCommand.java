package dev.ccr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.config.Json5;
import dev.ccr.profile.Profile;
import dev.ccr.profile.Profiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code ccr profile create NAME} (alias {@code new}): a new profile whose config is a copy of the active profile's
 * (the one {@code --profile} names, if given; CCR's minimal config with {@code --empty}, or when that profile has none
 * yet), on a port of its own: the
 * {@code --port} given, else the first free one above every profile's port. The fork copied the port too, so two
 * profiles could not run side by side.
 */
@Command(name = "create", aliases = "new", description = {"Create a profile from the active profile's config.", "",
        "Examples:", "  ccr profile create work", "  ccr profile create scratch --empty --port 4000"})
final class ProfileCreateCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "Letters, digits, '-' and '_' (at most 64).")
    String name;

    @Option(names = "--empty", description = "Start from CCR's minimal config instead of a copy of the active profile's.")
    boolean empty;

    @Option(names = "--port", paramLabel = "PORT", description = "The new profile's port (default: the first free one above the profiles' ports).")
    Integer port;

    ProfileCreateCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Profiles profiles = context.profiles();
        Profiles.validate(name);
        ObjectNode config = empty ? null : copyOf(context.home().configFile());
        String origin = config != null ? "a copy of profile '" + context.profile() + "'" : "CCR's minimal config";
        if (config == null) {
            config = JsonNodeFactory.instance.objectNode();
            config.set("Providers", JsonNodeFactory.instance.arrayNode());
            config.set("Router", JsonNodeFactory.instance.objectNode());
        }
        int chosen = port != null ? checked(profiles, port) : profiles.freePort();
        config.put("PORT", chosen);
        Profile created = profiles.create(name, config);
        out.println("✓ Profile '" + name + "' created from " + origin + ", on port " + chosen + ".");
        out.println("Config: " + created.home().configFile());
        out.println("Use it: ccr profile switch " + name + "   (or for one command: ccr --profile " + name + " start)");
        return ExitCodes.OK;
    }

    /** The config in {@code file} as an object, or null when there is none yet. */
    private static ObjectNode copyOf(Path file) {
        try {
            JsonNode node = Json5.parse(Files.readString(file, StandardCharsets.UTF_8));
            if (!node.isObject()) {
                throw new CliException(file + " does not hold a JSON object; fix it, or create the profile with --empty.");
            }
            return (ObjectNode) node.deepCopy();
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new CliException("Cannot copy " + file + ": " + e.getMessage() + "\nFix it, or create the profile with --empty.");
        }
    }

    private static int checked(Profiles profiles, int port) throws IOException {
        if (port < 1 || port > 65535) {
            throw new CliException("--port must be from 1 to 65535.");
        }
        for (Profile other : profiles.list()) {
            if (Profiles.port(other) == port) {
                throw new CliException("Port " + port + " is already profile '" + other.name() + "''s port; choose another.");
            }
        }
        return port;
    }
}
