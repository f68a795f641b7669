package dev.ccr.preset;

import java.util.List;

/**
 * How a preset's inputs are asked for: the command line implements it with line-based prompts on the terminal, so
 * this package decides what to ask and checks the answers without reading or printing anything itself.
 */
public interface Questions {
    /** Prints one line between questions. */
    void say(String line);

    /** Free text; an empty answer takes {@code fallback}. */
    String text(String question, String fallback);

    /** A secret, not echoed when a terminal is attached. */
    String secret(String question);

    boolean confirm(String question, boolean fallback);

    /** Lines until a line holding only {@code .}. */
    String multiline(String question);

    /** The index of one of {@code options}; {@code fallback} (or -1 for none) on an empty answer. */
    int choose(String question, List<String> options, int fallback);

    /** The indexes of any of {@code options}. */
    List<Integer> chooseSeveral(String question, List<String> options);
}
