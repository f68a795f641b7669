package dev.ccr.cli;

import dev.ccr.server.CcrServer;

import java.util.List;

/** The process entry point: runs {@link Ccr} and exits with its code. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (servesHere(List.of(args))) {
            CcrServer.prepareInBackground();
        }
        System.exit(Ccr.forArguments(CliContext.system(), args).execute(args));
    }

    /** {@code ccr start} in the foreground: this process becomes the server (the background server is started so). */
    static boolean servesHere(List<String> args) {
        return args.contains("start") && !args.contains("-d") && !args.contains("--daemon");
    }
}
