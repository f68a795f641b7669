/**
 * The router in the background: {@link dev.ccr.daemon.ServerProcess} starts it detached ({@code setsid}, its output in
 * {@code logs/daemon.log}) and waits until it answers {@code /health}; {@link dev.ccr.daemon.Service} keeps its PID and
 * info files and stops it; {@link dev.ccr.daemon.HealthProbe}, {@link dev.ccr.daemon.PortCheck} and
 * {@link dev.ccr.daemon.StopSignal} are the small checks around them.
 *
 * <p>May use {@code config}; never the commands, the server or the pipeline. Nothing here returns null.
 */
package dev.ccr.daemon;
