package dev.ccr.cli;

import dev.ccr.app.RouterApp;
import picocli.CommandLine.IVersionProvider;

/** ccr's version, from the jar manifest ({@code dev} when run from classes). */
final class Version {
    private Version() {
    }

    static String current() {
        return RouterApp.Options.manifestVersion();
    }

    static final class Provider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"claude-code-router version: " + current()};
        }
    }
}
