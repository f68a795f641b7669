package dev.ccr.routing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * OpenAI's cl100k_base encoding, as tiktoken (CCR's tokenizer) counts it: the text is split into pieces by the
 * encoding's pattern ({@link Cl100kPieces}), and each piece's UTF-8 bytes are byte-pair merged with the encoding's
 * ranks ({@link BytePairMerge}). Special tokens such as {@code <|endoftext|>} count as ordinary text. The ranks come
 * from jtokkit's copy of OpenAI's {@code .tiktoken} file; {@code Cl100kBaseTest} checks the counts against jtokkit's
 * own encoder.
 */
final class Cl100kBase {
    static final String RANKS = "/com/knuddels/jtokkit/cl100k_base.tiktoken";

    private final RankTable ranks;

    private Cl100kBase(RankTable ranks) {
        this.ranks = ranks;
    }

    static Cl100kBase load() {
        try (InputStream file = Cl100kBase.class.getResourceAsStream(RANKS)) {
            if (file == null) {
                throw new IllegalStateException("cl100k_base's ranks are not on the class path: " + RANKS);
            }
            return new Cl100kBase(RankTable.read(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int count(String text) {
        int tokens = 0;
        byte[] piece = new byte[64];
        for (int start = 0, end; start < text.length(); start = end) {
            end = Cl100kPieces.end(text, start);
            if (piece.length < 3 * (end - start)) {
                piece = Arrays.copyOf(piece, 3 * (end - start));
            }
            tokens += BytePairMerge.count(ranks, piece, utf8(text, start, end, piece));
        }
        return tokens;
    }

    /** Writes {@code text[start .. end)} as UTF-8 into {@code out} (3 bytes per char at most); a lone surrogate as '?'. */
    private static int utf8(String text, int start, int end, byte[] out) {
        int length = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                out[length++] = (byte) c;
            } else if (c < 0x800) {
                out[length++] = (byte) (0xC0 | c >> 6);
                out[length++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(text.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, text.charAt(++i));
                out[length++] = (byte) (0xF0 | cp >> 18);
                out[length++] = (byte) (0x80 | cp >> 12 & 0x3F);
                out[length++] = (byte) (0x80 | cp >> 6 & 0x3F);
                out[length++] = (byte) (0x80 | cp & 0x3F);
            } else if (Character.isSurrogate(c)) {
                out[length++] = '?';
            } else {
                out[length++] = (byte) (0xE0 | c >> 12);
                out[length++] = (byte) (0x80 | c >> 6 & 0x3F);
                out[length++] = (byte) (0x80 | c & 0x3F);
            }
        }
        return length;
    }
}
