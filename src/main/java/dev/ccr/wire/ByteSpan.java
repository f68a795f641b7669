package dev.ccr.wire;

import java.util.Arrays;

/**
 * A range of bytes that equals another by content: a key for what was computed from a part of a request that clients
 * send again and again (Claude Code's tool list, 40 KB, with every request). Its hash samples at most about a hundred
 * bytes, so a lookup costs one vectorised comparison of the whole range, not a walk over a tree.
 */
public final class ByteSpan {
    private static final int SAMPLES = 64;

    private final byte[] bytes;
    private final int from;
    private final int to;
    private final int hash;

    ByteSpan(byte[] bytes, int from, int to) {
        this.bytes = bytes;
        this.from = from;
        this.to = to;
        this.hash = sampledHash();
    }

    public int length() {
        return to - from;
    }

    /** The same bytes in an array of their own, so that keeping this span does not keep the request it came from. */
    public ByteSpan copy() {
        return new ByteSpan(Arrays.copyOfRange(bytes, from, to), 0, length());
    }

    private int sampledHash() {
        int h = length();
        int step = Math.max(1, length() / SAMPLES);
        for (int i = from; i < to; i += step) {
            h = 31 * h + bytes[i];
        }
        for (int i = Math.max(from, to - 32); i < to; i++) {
            h = 31 * h + bytes[i];
        }
        return h;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ByteSpan span && span.hash == hash
                && Arrays.equals(bytes, from, to, span.bytes, span.from, span.to);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
