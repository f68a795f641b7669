package dev.ccr.routing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * A byte-pair encoding's mergeable ranks (a {@code .tiktoken} file: one base64 token and its rank per line, ranks
 * 0, 1, 2, ... in order) held in three arrays: the tokens' bytes one after the other, where each starts, and an
 * open-addressed hash table of ranks. For cl100k_base that is about 3 MiB of heap, where maps of byte arrays to boxed
 * ranks and back (jtokkit's encoder) held 12 MiB: half of an idle router's live heap (docs/benchmarks.md).
 */
final class RankTable {
    private static final int EMPTY = -1;

    private final byte[] bytes;
    /** Token {@code r} is {@code bytes[starts[r] .. starts[r + 1])}. */
    private final int[] starts;
    /** Ranks by hash, linear probing; {@link #EMPTY} where none. */
    private final int[] slots;

    private RankTable(byte[] bytes, int[] starts) {
        this.bytes = bytes;
        this.starts = starts;
        int tokens = starts.length - 1;
        this.slots = new int[Integer.highestOneBit(tokens * 2 - 1) << 1];
        Arrays.fill(slots, EMPTY);
        for (int rank = 0; rank < tokens; rank++) {
            int slot = hash(bytes, starts[rank], starts[rank + 1]) & (slots.length - 1);
            while (slots[slot] != EMPTY) {
                slot = (slot + 1) & (slots.length - 1);
            }
            slots[slot] = rank;
        }
    }

    /** Reads a {@code .tiktoken} file; its ranks must be 0 to n - 1 in order. */
    static RankTable read(InputStream tiktoken) {
        Base64.Decoder base64 = Base64.getDecoder();
        byte[] bytes = new byte[1 << 20];
        int[] starts = new int[1 << 17];
        int tokens = 0;
        int length = 0;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(tiktoken, StandardCharsets.US_ASCII))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                int space = line.indexOf(' ');
                if (space < 0 || Integer.parseInt(line, space + 1, line.length(), 10) != tokens) {
                    throw new IllegalArgumentException("rank " + tokens + " is not on line " + (tokens + 1));
                }
                byte[] token = base64.decode(line.substring(0, space));
                if (length + token.length > bytes.length) {
                    bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + token.length));
                }
                if (tokens + 2 > starts.length) {
                    starts = Arrays.copyOf(starts, starts.length * 2);
                }
                System.arraycopy(token, 0, bytes, length, token.length);
                starts[tokens++] = length;
                length += token.length;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (tokens == 0) {
            throw new IllegalArgumentException("no ranks in the file");
        }
        starts[tokens] = length;
        return new RankTable(Arrays.copyOf(bytes, length), Arrays.copyOf(starts, tokens + 1));
    }

    /** The rank of {@code text[from .. to)} as one token, or -1 when it is not one. */
    int rank(byte[] text, int from, int to) {
        int mask = slots.length - 1;
        for (int slot = hash(text, from, to) & mask; ; slot = (slot + 1) & mask) {
            int rank = slots[slot];
            if (rank == EMPTY) {
                return -1;
            }
            if (Arrays.equals(bytes, starts[rank], starts[rank + 1], text, from, to)) {
                return rank;
            }
        }
    }

    int size() {
        return starts.length - 1;
    }

    private static int hash(byte[] text, int from, int to) {
        int h = 0x811c9dc5;
        for (int i = from; i < to; i++) {
            h = (h ^ text[i]) * 0x01000193;
        }
        return h ^ (h >>> 15);
    }
}
