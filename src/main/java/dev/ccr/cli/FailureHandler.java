package dev.ccr.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Turns an unexpected failure in a command into one line on stderr and exit code 1, without a stack trace. */
final class FailureHandler implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
        commandLine.getErr().println(e.getMessage() != null ? e.getMessage() : e.toString());
        return ExitCodes.FAILURE;
    }
}
