/**
 * The configuration: {@code ~/.claude-code-router/config.json} read as JSON5, {@code $VAR} interpolation over the
 * whole document, validation into immutable records, and atomic saves with rotating backups.
 *
 * <p>Uses nothing of ours. Nothing here is null: optional settings are {@link java.util.Optional} or have a
 * documented default. The untouched document is kept next to the typed view so unknown keys survive a save.
 */
package dev.ccr.config;
