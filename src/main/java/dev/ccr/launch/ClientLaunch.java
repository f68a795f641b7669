package dev.ccr.launch;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What to run for one client session against the router: the command line, the variables set on top of the caller's
 * environment and those removed from it. Each launcher decides these from the config and the port alone, so what a
 * client is told is tested without running it; {@code cli} runs the process.
 *
 * <p>Every launch is a per-run override: nothing here writes a client's own settings files.
 */
public interface ClientLaunch {
    /** The client's name in messages ({@code Codex}, {@code Gemini CLI}). */
    String client();

    /** The executable, then its arguments: the launcher's overrides first, the user's arguments after them. */
    List<String> command();

    /** Variables set on top of the caller's environment. */
    Map<String, String> environment();

    /** Variables removed from the caller's environment, because they would send the client past the router. */
    default Set<String> unset() {
        return Set.of();
    }

    /** What to tell a user whose machine has no such executable. */
    String installHint();

    /** A launch made of the given parts, for clients without a record of their own. */
    static ClientLaunch of(String client, List<String> command, Map<String, String> environment, Set<String> unset,
                           String installHint) {
        record Plain(String client, List<String> command, Map<String, String> environment, Set<String> unset,
                     String installHint) implements ClientLaunch {
        }
        return new Plain(client, List.copyOf(command), Map.copyOf(environment), Set.copyOf(unset), installHint);
    }

    /** The router's base URL for a client on this machine: always loopback, whatever {@code HOST} says. */
    static String baseUrl(int port) {
        return "http://127.0.0.1:" + port;
    }

    /**
     * The key a client sends the router: {@code APIKEY}, or, when none is set, {@code test}, which CCR gives Claude Code
     * too (clients refuse to start without one, and an open router takes any).
     */
    static String routerKey(JsonNode config) {
        JsonNode key = config.path("APIKEY");
        return key.isTextual() && !key.asText().isBlank() ? key.asText() : "test";
    }

    /** The caller's {@code NO_PROXY} with 127.0.0.1 added, so a configured proxy never carries calls to the router. */
    static String noProxy(String current) {
        if (current == null || current.isBlank()) {
            return "127.0.0.1";
        }
        return List.of(current.split(",")).stream().map(String::trim).anyMatch("127.0.0.1"::equals) ? current : current + ",127.0.0.1";
    }
}
