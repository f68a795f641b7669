/**
 * The {@code ccr} command line (picocli): one class per command, listed in {@link dev.ccr.cli.Ccr}. Commands parse
 * arguments, print, and hand the work to the rooms that hold it: {@code app} (a running router), {@code daemon} (the
 * background router), {@code launch} (a {@code ccr code} run of Claude Code), {@code preset} (installing, exporting
 * and running presets), {@code profile} and {@code statusline}. Every command gets the outside world (environment,
 * home folder, clock, input, browser) through {@link dev.ccr.cli.CliContext}, so tests run each command in a fresh
 * home. Also here: the commands' plumbing ({@code ConfigOption}, {@code Prompts}, which asks a preset's inputs for
 * {@code preset} through its {@code Questions}, {@code FailureHandler}, {@code ExitCodes}, {@code Version}),
 * {@code ModelEdits} (the config edits of {@code ccr model}), and the console's logging set-up.
 *
 * <p>May use every other package; nothing uses it. Nothing here returns null.
 */
package dev.ccr.cli;
