/**
 * Anthropic Messages shapes that are not a conversion from another dialect: for example turning a complete message
 * into the event stream a streaming client expects.
 *
 * <p>Uses Jackson only. Nothing here returns null.
 */
package dev.ccr.wire.anthropic;
