package dev.ccr.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@link ScriptPolicy}s: the global default {@code SCRIPT_SANDBOX}, and per script {@code transformers[i].sandbox}
 * or {@code CUSTOM_ROUTER_SANDBOX}. Each is {@code true}, {@code false} or {@code {"allowHosts": ["host", "host:port"]}}
 * (the object form sandboxes too). An entry's {@code true} keeps the default's hosts.
 */
final class ScriptPolicyParser {
    private static final String REMEDY = "write true, false or {\"allowHosts\": [\"api.example.com\"]}";

    private final List<ConfigProblem> errors;
    private ScriptPolicy defaults = ScriptPolicy.TRUSTED;

    ScriptPolicyParser(List<ConfigProblem> errors) {
        this.errors = errors;
    }

    /** Reads the global default; call before {@link #entry}. */
    ScriptPolicyParser withDefault(JsonNode root) {
        defaults = parse("SCRIPT_SANDBOX", root.path("SCRIPT_SANDBOX"), ScriptPolicy.TRUSTED);
        return this;
    }

    /** The policy of one script entry at {@code path}, or the default when {@code node} is missing. */
    ScriptPolicy entry(String path, JsonNode node) {
        return parse(path, node, defaults);
    }

    private ScriptPolicy parse(String path, JsonNode node, ScriptPolicy fallback) {
        if (node.isMissingNode() || node.isNull()) {
            return fallback;
        }
        if (node.isBoolean()) {
            return node.booleanValue() ? new ScriptPolicy(true, fallback.allowedHosts()) : ScriptPolicy.TRUSTED;
        }
        if (!node.isObject()) {
            errors.add(new ConfigProblem(path, "is neither true, false nor an object", REMEDY));
            return fallback;
        }
        JsonNode hosts = node.path("allowHosts");
        List<String> allowed = new ArrayList<>();
        if (!hosts.isMissingNode() && !hosts.isArray()) {
            errors.add(new ConfigProblem(path + ".allowHosts", "must be an array of host names", REMEDY));
        }
        for (int i = 0; hosts.isArray() && i < hosts.size(); i++) {
            JsonNode host = hosts.get(i);
            if (host.isTextual() && !host.textValue().isBlank() && !host.textValue().contains("/")) {
                allowed.add(host.textValue());
            } else {
                errors.add(new ConfigProblem(path + ".allowHosts[" + i + "]", "'" + host.asText() + "' is not a host name",
                        "write a host such as \"oauth2.googleapis.com\" or \"127.0.0.1:8080\" (no scheme, no path)"));
            }
        }
        return new ScriptPolicy(true, allowed);
    }
}
