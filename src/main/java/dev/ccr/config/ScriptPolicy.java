package dev.ccr.config;

import java.util.List;
import java.util.Locale;

/**
 * What one script (a plugin or the custom router) may do. Trusted, the default, is CCR's rule: anything ccr itself
 * may do. Sandboxed ({@code "sandbox": true}): files only under the script's own folder and ccr's home, outgoing
 * calls only to {@code allowedHosts}, no processes and no listening sockets.
 *
 * @param sandboxed    whether the limits apply at all
 * @param allowedHosts host names (lower case, optionally {@code host:port}) a sandboxed script may call
 */
public record ScriptPolicy(boolean sandboxed, List<String> allowedHosts) {
    public static final ScriptPolicy TRUSTED = new ScriptPolicy(false, List.of());

    public ScriptPolicy {
        allowedHosts = allowedHosts.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
    }

    /** Whether a sandboxed script may connect to {@code host} on {@code port}; always true when trusted. */
    public boolean allowsHost(String host, int port) {
        if (!sandboxed) {
            return true;
        }
        String name = host.toLowerCase(Locale.ROOT);
        return allowedHosts.contains(name) || allowedHosts.contains(name + ":" + port);
    }
}
