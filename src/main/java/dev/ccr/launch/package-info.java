/**
 * Launching coding clients through the router. {@link dev.ccr.launch.ClaudeSession} is one {@code ccr code} run: make
 * sure the router answers (starting it in the background through {@code daemon} if none does), count the session
 * ({@code Sessions}, which stops a router the sessions started when the last one ends), write the environment and
 * {@code --settings} file Claude Code gets ({@link dev.ccr.launch.ClaudeEnvironment}, also what {@code ccr activate}
 * prints), and run Claude Code with Ctrl-C left to it ({@code InterruptGuard}). {@link dev.ccr.launch.CodexLaunch}
 * decides what Codex's command line and environment must hold (groundwork for {@code ccr codex}). A per-run override
 * never overwrites what the user configured.
 *
 * <p>May use {@code config} and {@code daemon}; never the commands, the server or the pipeline. It prints only what a
 * launch must say (the router being started, a client that cannot be started) on the writers it is given. Nothing
 * here returns null.
 */
package dev.ccr.launch;
