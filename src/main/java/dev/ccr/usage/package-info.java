/**
 * Usage: the tokens each answer used, as reported by the provider. (Records, the store and summaries come with the
 * usage-statistics work.)
 *
 * <p>Uses nothing of ours. Nothing here is null.
 */
package dev.ccr.usage;
