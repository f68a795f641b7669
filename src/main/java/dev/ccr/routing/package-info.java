/**
 * Routing: decides which provider and model serve a request. An ordered list of {@link dev.ccr.routing.Rule}s is
 * evaluated until one routes; every rule leaves a reason in the {@link dev.ccr.routing.RouteDecision}'s trace, so each
 * decision can be explained. Also owns token counting (cl100k_base), which rules and {@code count_tokens} share.
 *
 * <p>May use {@code config} and {@code wire}. Decisions never touch HTTP. Nothing here returns null.
 */
package dev.ccr.routing;
