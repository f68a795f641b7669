package dev.ccr.upstream;

import java.time.Duration;

/**
 * The limits of one upstream call. {@code total} bounds the whole call, body included; {@code firstByte} the wait for
 * the first body byte; {@code idle} each silence between reads. Zero means no limit (total always has one).
 */
public record Timeouts(Duration total, Duration firstByte, Duration idle) {
    public static Timeouts total(Duration total) {
        return new Timeouts(total, Duration.ZERO, Duration.ZERO);
    }

    public Timeouts withTotal(Duration newTotal) {
        return new Timeouts(newTotal, firstByte, idle);
    }
}
