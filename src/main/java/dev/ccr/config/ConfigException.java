package dev.ccr.config;

import java.util.List;

/** A config that cannot be used; the message is written for the user and lists every problem found. */
public final class ConfigException extends Exception {
    private final List<ConfigProblem> problems;

    public ConfigException(String message, List<ConfigProblem> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
        this.problems = List.of();
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
