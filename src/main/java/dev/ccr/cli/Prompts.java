package dev.ccr.cli;

import dev.ccr.preset.Questions;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Line-based questions for the interactive commands ({@code model}, {@code preset export|install}): free text,
 * a secret, yes/no, and a numbered menu. Reads answers from the context's input, so tests script them; when the input
 * ends before an answer, {@link NoAnswerException} says which flag to use instead.
 */
final class Prompts implements Questions {
    private final BufferedReader in;
    private final PrintWriter out;
    private final boolean terminal;

    Prompts(CliContext context, PrintWriter out) {
        this.in = new BufferedReader(new InputStreamReader(context.in(), StandardCharsets.UTF_8));
        this.out = out;
        this.terminal = context.interactive() && context.in() == System.in && CliContext.terminalAttached();
    }

    @Override
    public void say(String line) {
        out.println(line);
        out.flush();
    }

    /** Free text; an empty answer takes {@code fallback} (shown in brackets when not empty). */
    @Override
    public String text(String question, String fallback) {
        out.print(question + (fallback.isEmpty() ? "" : " [" + fallback + "]") + " ");
        out.flush();
        String answer = readLine(question).trim();
        return answer.isEmpty() ? fallback : answer;
    }

    /** Free text that must not be empty and must pass {@code check} (which returns a problem, or null). */
    String required(String question, Function<String, String> check) {
        while (true) {
            String answer = text(question, "");
            String problem = answer.isEmpty() ? "An answer is required." : check.apply(answer);
            if (problem == null) {
                return answer;
            }
            out.println("  " + problem);
        }
    }

    /** A secret: not echoed when a terminal is attached. */
    @Override
    public String secret(String question) {
        if (terminal) {
            Console console = System.console();
            char[] chars = console.readPassword("%s ", question);
            if (chars == null) {
                throw new NoAnswerException(question);
            }
            return new String(chars);
        }
        out.print(question + " ");
        out.flush();
        return readLine(question);
    }

    @Override
    public boolean confirm(String question, boolean fallback) {
        while (true) {
            String answer = text(question + (fallback ? " (Y/n)" : " (y/N)"), "").toLowerCase(Locale.ROOT);
            if (answer.isEmpty()) {
                return fallback;
            }
            if (answer.equals("y") || answer.equals("yes")) {
                return true;
            }
            if (answer.equals("n") || answer.equals("no")) {
                return false;
            }
            out.println("  Please answer y or n.");
        }
    }

    /** A numbered menu; returns the index chosen. */
    int choose(String question, List<String> options) {
        return choose(question, options, -1);
    }

    /** A numbered menu with a default ({@code -1} for none); returns the index chosen. */
    @Override
    public int choose(String question, List<String> options, int fallback) {
        if (options.isEmpty()) {
            throw new IllegalArgumentException("nothing to choose from");
        }
        out.println(question);
        for (int i = 0; i < options.size(); i++) {
            out.printf("  %2d) %s%n", i + 1, options.get(i));
        }
        while (true) {
            String answer = text("Choose 1-" + options.size() + ":", fallback >= 0 ? String.valueOf(fallback + 1) : "");
            try {
                int n = Integer.parseInt(answer);
                if (n >= 1 && n <= options.size()) {
                    return n - 1;
                }
            } catch (NumberFormatException ignored) {
                // asked again below
            }
            out.println("  Please type a number from 1 to " + options.size() + ".");
        }
    }

    /** Several items of a numbered menu, as comma-separated numbers; an empty answer chooses none. */
    @Override
    public List<Integer> chooseSeveral(String question, List<String> options) {
        out.println(question);
        for (int i = 0; i < options.size(); i++) {
            out.printf("  %2d) %s%n", i + 1, options.get(i));
        }
        while (true) {
            String answer = text("Numbers, comma-separated (empty for none):", "");
            List<Integer> chosen = new ArrayList<>();
            boolean ok = true;
            for (String part : answer.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                try {
                    int n = Integer.parseInt(part.trim());
                    if (n < 1 || n > options.size()) {
                        ok = false;
                    } else if (!chosen.contains(n - 1)) {
                        chosen.add(n - 1);
                    }
                } catch (NumberFormatException e) {
                    ok = false;
                }
            }
            if (ok) {
                return chosen;
            }
            out.println("  Please type numbers from 1 to " + options.size() + ".");
        }
    }

    /** Lines until one that is just {@code .}, for multi-line answers. */
    @Override
    public String multiline(String question) {
        out.println(question + " (end with a line containing only .)");
        out.flush();
        StringBuilder text = new StringBuilder();
        while (true) {
            String line = readLine(question);
            if (line.equals(".")) {
                return text.toString();
            }
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append(line);
        }
    }

    private String readLine(String question) {
        try {
            String line = in.readLine();
            if (line == null) {
                out.println();
                throw new NoAnswerException(question);
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Standard input ended before a question was answered. */
    static final class NoAnswerException extends RuntimeException {
        NoAnswerException(String question) {
            super("No answer to \"" + question.trim() + "\": standard input ended. "
                    + "Run in a terminal, or pass the values as options (see --help).");
        }
    }
}
