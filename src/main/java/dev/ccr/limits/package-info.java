/**
 * Client keys: a team's named keys besides the single {@code APIKEY} ({@code CLIENT_KEYS}), which models each may use
 * and how much: {@link dev.ccr.limits.ClientKeys} finds the key a request carries (in constant time),
 * {@link dev.ccr.limits.KeyLimits} counts requests per minute and tokens per day in {@link dev.ccr.limits.LimitCounters}
 * (this instance's own, or Redis's for a team), and refuses what is over.
 *
 * <p>May use {@code pipeline}'s listener SPI (to count the tokens an answer used), {@code routing}'s {@code Target}
 * and Caffeine. Without {@code CLIENT_KEYS} it holds nothing: {@link dev.ccr.limits.ClientKeys#NONE}.
 */
package dev.ccr.limits;
