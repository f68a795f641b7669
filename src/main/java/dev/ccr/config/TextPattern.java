package dev.ccr.config;

import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A text test written in a routing rule, compiled once at load: a glob ({@code claude-*-haiku-*}, whole value, any
 * case), a substring ({@code plan mode}, anywhere, any case) or a regular expression written between slashes
 * ({@code /ultra?think/i}, found anywhere). Which plain form applies depends on the key (docs/routing.md).
 *
 * @param source the text as the user wrote it, shown in explanations
 */
public record TextPattern(String source, Pattern pattern) {
    public TextPattern {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(pattern, "pattern");
    }

    /** Whole-value glob with {@code *} and {@code ?}, ignoring case; a {@code /regex/} is taken as a regex. */
    public static TextPattern glob(String source) {
        if (isRegex(source)) {
            return regex(source);
        }
        StringBuilder regex = new StringBuilder("^");
        StringBuilder literal = new StringBuilder();
        for (char c : source.toCharArray()) {
            if (c == '*' || c == '?') {
                if (!literal.isEmpty()) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return new TextPattern(source, Pattern.compile(regex.append('$').toString(),
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL));
    }

    /** Substring, ignoring case; a {@code /regex/} is taken as a regex. */
    public static TextPattern contains(String source) {
        if (isRegex(source)) {
            return regex(source);
        }
        return new TextPattern(source, Pattern.compile(Pattern.quote(source), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
    }

    /**
     * {@code /body/flags} with flags from {@code i} (ignore case), {@code m} (multi-line), {@code s} (dot matches
     * newlines).
     *
     * @throws PatternSyntaxException when the body is not a valid Java regular expression
     * @throws IllegalArgumentException when a flag is unknown
     */
    public static TextPattern regex(String source) {
        int end = source.lastIndexOf('/');
        String body = source.substring(1, end);
        int flags = 0;
        for (char f : source.substring(end + 1).toCharArray()) {
            flags |= switch (f) {
                case 'i' -> Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
                case 'm' -> Pattern.MULTILINE;
                case 's' -> Pattern.DOTALL;
                default -> throw new IllegalArgumentException("unknown regex flag '" + f + "' (use i, m or s)");
            };
        }
        return new TextPattern(source, Pattern.compile(body, flags));
    }

    /** True for {@code /.../} optionally followed by flag letters. */
    public static boolean isRegex(String source) {
        return source.length() >= 2 && source.charAt(0) == '/' && source.lastIndexOf('/') > 0
                && source.substring(source.lastIndexOf('/') + 1).chars().allMatch(Character::isLetter);
    }

    public boolean matches(String text) {
        return pattern.matcher(text).find();
    }

    @Override
    public String toString() {
        return source;
    }
}
