/**
 * Presets (docs/cli.md): a folder {@code ~/.claude-code-router/presets/<name>/} with a {@code manifest.json} holding
 * metadata, a config section, an optional input schema and the values the user gave. {@link dev.ccr.preset.Presets}
 * finds, installs, exports and deletes them; {@link dev.ccr.preset.PresetManifest} resolves a manifest into the
 * config it stands for ({@code #{var}} substitution, {@code configMappings}, relative paths made absolute). The
 * preset commands' work lives here too: {@link dev.ccr.preset.PresetInstaller} asks a schema's inputs
 * ({@code SchemaInputs}, through the caller's {@link dev.ccr.preset.Questions}) and installs or reconfigures,
 * {@link dev.ccr.preset.PresetSource} turns a folder, zip or URL into a folder to install,
 * {@link dev.ccr.preset.PresetExport} writes a config as a preset with {@link dev.ccr.preset.SecretPlaceholders}
 * in place of its secrets, and {@link dev.ccr.preset.PresetLaunch} says what running Claude Code against a preset
 * changes. A failure the user can mend is a {@link dev.ccr.preset.PresetException} whose message says how.
 *
 * <p>No printing and no reading of the terminal: the commands in {@code dev.ccr.cli} do that. Uses {@code config}
 * (JSON5, {@code $VAR} interpolation, the main config); used by {@code cli}, and by {@code app}, which serves each
 * preset under {@code /preset/<name>}. Nothing here returns null.
 */
package dev.ccr.preset;
