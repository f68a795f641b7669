/**
 * ccr's built-in transformers, by CCR's names (docs/compatibility.md, Transformers; docs/configuration.md). Each is one
 * small class.
 *
 * <p>Uses {@code transform} and {@code wire}; the {@code vertex-*} ones also Google's auth library (for access tokens,
 * nowhere else in ccr). Nothing here returns null.
 */
package dev.ccr.transform.builtin;
