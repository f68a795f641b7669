package dev.ccr.cli;

import picocli.CommandLine;

/** The process entry point: runs {@link Ccr} and exits with its code. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(Ccr.forArguments(CliContext.system(), args).execute(args));
    }
}
