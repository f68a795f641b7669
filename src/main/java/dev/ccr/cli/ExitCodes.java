package dev.ccr.cli;

/** The exit codes ccr's commands return. */
final class ExitCodes {
    static final int OK = 0;
    /** A failure the message explains: bad config, port in use. CCR exits 1 for these too. */
    static final int FAILURE = 1;
    /** No or unknown command: help was printed. */
    static final int USAGE = 1;

    private ExitCodes() {
    }
}
