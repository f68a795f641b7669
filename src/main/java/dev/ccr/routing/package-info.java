/**
 * Routing: decides which provider and model serve a request. {@link dev.ccr.routing.Router} evaluates an ordered list
 * of {@link dev.ccr.routing.Rule}s — CCR's scenarios in CCR's order, the CCR fork's families and model mapping, and
 * the config's declarative rules — until one routes; every rule leaves a reason in the
 * {@link dev.ccr.routing.RouteDecision}'s trace, so each decision can be explained ({@link dev.ccr.routing.Explainer},
 * docs/routing.md). Body changes a decision needs (a stripped subagent tag, a rewritten prompt) are
 * {@link dev.ccr.routing.BodyEdit}s the pipeline applies after deciding. The router also keeps what routing learns
 * across requests: each session's last usage and project. Token counting (cl100k_base) lives here too; rules and
 * {@code count_tokens} share it.
 *
 * <p>May use {@code config}. Decisions never touch HTTP and never change the request. Nothing here returns null.
 */
package dev.ccr.routing;
