/**
 * Presets (docs/cli.md): a folder {@code ~/.claude-code-router/presets/<name>/} with a {@code manifest.json} holding
 * metadata, a config section, an optional input schema and the values the user gave. {@link dev.ccr.preset.Presets}
 * finds, installs, exports and deletes them; {@link dev.ccr.preset.PresetManifest} resolves a manifest into the
 * config it stands for ({@code #{var}} substitution, {@code configMappings}, relative paths made absolute);
 * {@link dev.ccr.preset.SecretPlaceholders} replaces secrets before a config is shared.
 *
 * <p>Pure file and JSON work: no prompting and no printing (the commands in {@code dev.ccr.cli} do that). Uses
 * {@code config} for JSON5 parsing. Nothing here returns null.
 */
package dev.ccr.preset;
