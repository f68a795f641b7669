/**
 * The {@code ccr} command line (picocli): one class per command, listed in {@link dev.ccr.cli.Ccr}. Commands parse
 * arguments, print, and hand the work to the rooms that hold it: {@code app} (a running router), {@code daemon} (the
 * background router), {@code launch} (what each launcher tells its client, and sessions), {@code preset},
 * {@code profile} and {@code statusline}. Every command gets the outside world (environment, home folder, clock, input, browser) through
 * {@link dev.ccr.cli.CliContext}, so tests run each command in a fresh home. Also here: the prompts and config edits
 * {@code model} and {@code ui} share, {@code ClientSession} (a launcher's run of its client in the terminal, with the
 * router started and stopped around it) and {@code ClaudeSession} ({@code ccr code}'s part of it), and the console's
 * logging set-up.
 *
 * <p>May use every other package; nothing uses it. Nothing here returns null.
 */
package dev.ccr.cli;
