/**
 * The status line Claude Code shows under its prompt (docs/cli.md): {@link dev.ccr.statusline.StatusLine} turns the
 * JSON Claude Code pipes to {@code ccr statusline} into one line of text with ANSI colours, in CCR's {@code default}
 * or {@code powerline} style, from built-in or configured modules.
 *
 * <p>Uses Jackson only; runs {@code git} and, for script modules, {@code node} as child processes. Nothing here
 * returns null.
 */
package dev.ccr.statusline;
