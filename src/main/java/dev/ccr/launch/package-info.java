/**
 * Launching coding clients through the router: what each launcher tells its client, decided from the config and the
 * router's port alone ({@link dev.ccr.launch.ClaudeEnvironment} for {@code ccr code} and {@code ccr activate};
 * {@link dev.ccr.launch.CodexLaunch}, {@link dev.ccr.launch.GeminiLaunch} and {@link dev.ccr.launch.OpenCodeLaunch},
 * each a {@link dev.ccr.launch.ClientLaunch}), which program runs ({@link dev.ccr.launch.Executable}), the count of live
 * sessions that stops a router a launcher started when the last one ends ({@link dev.ccr.launch.Sessions}), and the
 * guard that lets Ctrl-C reach the client and not ccr ({@link dev.ccr.launch.InterruptGuard}). A per-run override
 * never overwrites what the user configured: no client's settings file is ever written.
 *
 * <p>May use {@code config} and {@code daemon}; never the commands, the server or the pipeline. Nothing here returns
 * null.
 */
package dev.ccr.launch;
