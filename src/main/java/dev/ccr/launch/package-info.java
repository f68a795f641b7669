/**
 * Launching coding clients through the router: the environment and settings {@code ccr code} and {@code ccr activate}
 * give Claude Code ({@link dev.ccr.launch.ClaudeEnvironment}), the count of live {@code ccr code} sessions that stops
 * a router they started when the last one ends ({@link dev.ccr.launch.Sessions}), the guard that lets Ctrl-C reach
 * the client and not ccr ({@link dev.ccr.launch.InterruptGuard}), and what Codex's command line and environment must
 * hold ({@link dev.ccr.launch.CodexLaunch}, groundwork for {@code ccr codex}). A per-run override never overwrites
 * what the user configured.
 *
 * <p>May use {@code config} and {@code daemon}; never the commands, the server or the pipeline. Nothing here returns null.
 */
package dev.ccr.launch;
