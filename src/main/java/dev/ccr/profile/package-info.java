/**
 * Profiles (the CCR fork's, docs/cli.md): named configs, each a folder {@code ~/.claude-code-router/profiles/<name>/}
 * with its own {@code config.json}, port, PID file, {@code runtime/}, logs, presets and usage data, and one of them
 * active (its name in {@code profiles/active-profile}). {@code default} is ccr's home folder itself.
 * {@link dev.ccr.profile.Profiles} lists, creates, switches and deletes them; the command line asks it once which
 * profile a command runs in (see {@code dev.ccr.cli.Ccr}) and every command then works in that profile's folder.
 *
 * <p>Pure file work: no prompting and no printing (the {@code ccr profile} commands in {@code dev.ccr.cli} do that).
 * Uses {@code config} for the home folder and JSON5. Nothing here returns null.
 */
package dev.ccr.profile;
