/**
 * The {@code ccr} command line (picocli): one class per command, listed in {@link dev.ccr.cli.Ccr}. Commands parse
 * arguments, print, and hand real work to the other packages. Also sets up logging for the process.
 *
 * <p>May use every other package; nothing uses it. Nothing here returns null.
 */
package dev.ccr.cli;
