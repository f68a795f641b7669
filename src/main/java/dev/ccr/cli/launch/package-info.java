/**
 * Launching other coding clients through the router (issue 17 part 3, groundwork for {@code ccr codex}): what a
 * client's command line and environment must hold so that it talks to ccr, decided without touching the client's own
 * settings files (a per-run override never overwrites what the user configured). Pure decisions, no processes: the
 * command that runs the client (starting the router first, as {@code ccr code} does) carries them out.
 *
 * <p>Uses only Jackson for the config document. Nothing here returns null.
 */
package dev.ccr.cli.launch;
