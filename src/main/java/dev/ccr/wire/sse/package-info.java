/**
 * Server-sent events on the wire: {@link dev.ccr.wire.sse.SseParser} turns bytes into {@link dev.ccr.wire.sse.SseEvent}s
 * and {@link dev.ccr.wire.sse.SseWriter} turns them back into bytes.
 *
 * <p>Data model: an event is an optional event name plus its data lines joined by {@code "\n"}. Comments, {@code id}
 * and {@code retry} fields are dropped: no dialect ccr speaks depends on them. The framing follows the WHATWG
 * "event stream interpretation" rules, except that the parser can also hand over a last event the upstream did not
 * terminate with a blank line.
 *
 * <p>Uses the JDK only. Null default: nothing is null except {@link dev.ccr.wire.sse.SseEvent#event()}, which is null
 * when the event had no {@code event:} line.
 */
package dev.ccr.wire.sse;
