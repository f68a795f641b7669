package dev.ccr.cli;

import dev.ccr.config.ConfigException;
import dev.ccr.preset.PresetException;
import dev.ccr.server.PortInUseException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * The one place failures become output and exit codes: each known failure prints its message (a config's problems
 * one per line) on stderr, never a stack trace.
 */
final class FailureHandler implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        int code = switch (e) {
            case CliException cli -> {
                err.println(cli.getMessage());
                yield cli.exitCode();
            }
            case ConfigException config -> {
                err.println(config.getMessage());
                config.problems().forEach(p -> err.println("  " + p));
                yield ExitCodes.FAILURE;
            }
            case PortInUseException port -> {
                err.println(port.getMessage());
                yield ExitCodes.FAILURE;
            }
            case PresetException preset -> {
                err.println(preset.getMessage());
                yield ExitCodes.FAILURE;
            }
            case Prompts.NoAnswerException noAnswer -> {
                err.println(noAnswer.getMessage());
                yield ExitCodes.NO_ANSWER;
            }
            case IOException io -> {
                err.println("I/O error: " + io.getMessage());
                yield ExitCodes.FAILURE;
            }
            case UncheckedIOException io -> {
                err.println("I/O error: " + io.getCause().getMessage());
                yield ExitCodes.FAILURE;
            }
            default -> {
                err.println(e.getMessage() != null ? e.getMessage() : e.toString());
                yield ExitCodes.FAILURE;
            }
        };
        err.flush();
        return code;
    }
}
