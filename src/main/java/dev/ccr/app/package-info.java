/**
 * The composition root: {@link dev.ccr.app.RouterApp} opens what outlives a config once ({@code Services}: upstream
 * client, tokenizer, stream timer, JS scripts, usage store, metrics, quotas, a team's Redis and limits, the clock),
 * builds a {@link dev.ccr.app.Runtime} from the config (router, transformer registry, resilience, pipeline) for the
 * main namespace and for each preset, and starts the server over them. The main runtime sits in one reference that a
 * reload swaps (parse, validate, build, swap), on {@code POST /api/config} and when the file changes on disk.
 *
 * <p>May use every package but {@code cli}; only {@code cli} uses it.
 */
package dev.ccr.app;
