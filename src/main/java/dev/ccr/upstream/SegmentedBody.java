package dev.ccr.upstream;

import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;

import java.io.IOException;

/**
 * A request body handed to OkHttp one buffer segment at a time. Given the whole array at once, okio copies all of it
 * into fresh 8 KiB segments before the socket sees a byte (its segment pool keeps 64 KiB): for a 300 KB Claude Code
 * request, 300 KB of new arrays per call. A segment at a time, each one is written out and taken again for the next.
 */
final class SegmentedBody extends RequestBody {
    /** okio's segment size. */
    private static final int SEGMENT = 8192;
    private final byte[] bytes;
    private final int length;

    SegmentedBody(byte[] bytes, int length) {
        this.bytes = bytes;
        this.length = length;
    }

    @Override
    public MediaType contentType() {
        return null; // the caller's own Content-Type header is sent as it is
    }

    @Override
    public long contentLength() {
        return length;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
        for (int offset = 0; offset < length; offset += SEGMENT) {
            sink.write(bytes, offset, Math.min(SEGMENT, length - offset));
        }
    }
}
