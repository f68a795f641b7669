/**
 * The {@code ccr} command line (picocli): one class per command, listed in {@link dev.ccr.cli.Ccr}. Commands parse
 * arguments, print, and hand real work to the other packages. Every command gets the outside world — environment,
 * home folder, clock, input, browser — through {@link dev.ccr.cli.CliContext}, so tests run each command in a fresh
 * home. Also here: the background server and its PID file ({@code Service}, {@code ServerProcess}), {@code ccr code}'s
 * launch of Claude Code and its session count ({@code ClaudeSession}, {@code Sessions}), {@link dev.ccr.app.RouterApp}
 * (a running router assembled from a config, preset namespaces and the token-speed plugin included), and logging
 * set-up. Subpackages: {@code preset} (manifests, resolution, secret placeholders) and {@code statusline}.
 *
 * <p>May use every other package; nothing uses it. Nothing here returns null.
 */
package dev.ccr.cli;

