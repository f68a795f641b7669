package dev.ccr.cli;

/** A failure a command reports to the user with a message that says what to do, and the exit code to return. */
final class CliException extends RuntimeException {
    private final int exitCode;

    CliException(String message) {
        this(message, ExitCodes.FAILURE);
    }

    CliException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    CliException(String message, Throwable cause) {
        super(message, cause);
        this.exitCode = ExitCodes.FAILURE;
    }

    int exitCode() {
        return exitCode;
    }
}
