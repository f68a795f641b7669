package dev.ccr.routing;

/**
 * Counts the tokens byte-pair encoding makes of one piece of text: start from single bytes and merge, again and
 * again, the adjacent pair whose joined bytes have the lowest rank (the leftmost of equal ones) until no pair is a
 * token. Candidate pairs wait in a min-heap ordered by (rank, position), so a long piece costs n log n, not the n²
 * of rescanning all pairs after each merge; pairs that a merge changed are left in the heap and skipped when they
 * surface.
 */
final class BytePairMerge {
    private BytePairMerge() {
    }

    /** The tokens of {@code piece[0 .. n)}. */
    static int count(RankTable ranks, byte[] piece, int n) {
        if (n <= 1 || ranks.rank(piece, 0, n) >= 0) {
            return n == 0 ? 0 : 1;
        }
        // Parts are identified by their first byte; next[i] is where the part after part i starts (n at the end).
        int[] next = new int[n];
        int[] previous = new int[n];
        // pairRank[i]: the rank of part i joined with the part after it, -1 when that is no token; -2 once merged away.
        int[] pairRank = new int[n];
        // Each merge takes one pair off and puts at most two on: never more than 2n waiting.
        long[] heap = new long[2 * n];
        int queued = 0;
        for (int i = 0; i < n; i++) {
            next[i] = i + 1;
            previous[i] = i - 1;
            pairRank[i] = i + 1 < n ? ranks.rank(piece, i, i + 2) : -1;
            if (pairRank[i] >= 0) {
                queued = push(heap, queued, pairRank[i], i);
            }
        }
        int parts = n;
        while (queued > 0) {
            long top = heap[0];
            queued = pop(heap, queued);
            int rank = (int) (top >>> 32);
            int at = (int) top;
            if (pairRank[at] != rank) {
                continue;
            }
            int merged = next[at];
            int after = next[merged];
            next[at] = after;
            if (after < n) {
                previous[after] = at;
            }
            pairRank[merged] = -2;
            parts--;
            pairRank[at] = after < n ? ranks.rank(piece, at, next[after]) : -1;
            if (pairRank[at] >= 0) {
                queued = push(heap, queued, pairRank[at], at);
            }
            int before = previous[at];
            if (before >= 0) {
                pairRank[before] = ranks.rank(piece, before, after);
                if (pairRank[before] >= 0) {
                    queued = push(heap, queued, pairRank[before], before);
                }
            }
        }
        return parts;
    }

    /** Adds (rank, position) to the heap of {@code size} entries; returns the new size. */
    private static int push(long[] heap, int size, int rank, int position) {
        long entry = (long) rank << 32 | position;
        int i = size;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (heap[parent] <= entry) {
                break;
            }
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = entry;
        return size + 1;
    }

    /** Removes the smallest entry, {@code heap[0]}; returns the new size. */
    private static int pop(long[] heap, int size) {
        long last = heap[--size];
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && heap[child + 1] < heap[child]) {
                child++;
            }
            if (heap[child] >= last) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = last;
        return size;
    }
}
