package dev.ccr.cli;

/** The exit codes ccr's commands return. */
final class ExitCodes {
    static final int OK = 0;
    /** A failure the message explains: bad config, port in use, a server that did not start. CCR exits 1 for these too. */
    static final int FAILURE = 1;
    /** No or unknown command: help was printed (CCR exits 1 here). */
    static final int USAGE = 1;
    /** An option picocli could not parse (picocli's convention). */
    static final int INVALID_INPUT = 2;
    /** A question was asked but standard input had no answer (closed, or not a terminal). */
    static final int NO_ANSWER = 3;

    private ExitCodes() {
    }
}
