/**
 * The script host: runs CCR's JavaScript extensions unchanged in GraalJS. A custom router
 * ({@code CUSTOM_ROUTER_PATH}) becomes the first {@link dev.ccr.routing.Rule}; each transformer plugin becomes a
 * {@link dev.ccr.transform.Transformer}. {@link dev.ccr.script.Scripts} is the entry point.
 *
 * <p>Design: one shared GraalJS engine (sources parsed once); every script lives in exactly one Context, owned by one
 * thread that is its event loop (calls, promise callbacks, timers, fetch answers, server requests, process output and
 * body chunks all run there), so each plugin has one instance as in CCR: trusted scripts share one Context, each
 * sandboxed script has its own, whose host bridge enforces its {@link dev.ccr.config.ScriptPolicy}; Java waits on
 * futures the JS completes. Scripts see no Java: only a host bridge of plain functions that ccr's runtime files
 * (under {@code ccr/js} on the classpath, with vendored npm polyfills) turn into Node's and the web's APIs. Every call
 * has a time limit; a slice of JS that runs past it is interrupted; a statement limit is the last guard. GraalJS is
 * not loaded unless a script is configured.
 *
 * <p>May use {@code config}, and {@code routing} and {@code transform} through their SPIs. Nothing here returns null.
 */
package dev.ccr.script;
