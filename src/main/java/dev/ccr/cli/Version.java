package dev.ccr.cli;

import picocli.CommandLine.IVersionProvider;

/** ccr's version, from the jar manifest ({@code dev} when run from classes). */
final class Version {
    private Version() {
    }

    static String current() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    static final class Provider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"claude-code-router version: " + current()};
        }
    }
}
