package dev.ccr.routing;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Claude family a requested model belongs to, as the CCR fork reads it (docs/routing.md, "Model families"):
 * {@code ccr-opus}-style aliases or {@code claude-…-opus|sonnet|haiku-…} names, with a {@code [1m]} suffix asking for
 * extended context.
 *
 * @param family   {@code opus}, {@code sonnet} or {@code haiku}
 * @param extended the name carried {@code [1m]}
 * @param alias    the name was a {@code ccr-*} alias
 */
record ModelFamily(String family, boolean extended, boolean alias) {
    private static final Pattern ALIAS = Pattern.compile("^ccr-(opus|sonnet|haiku)$");
    private static final Pattern CLAUDE = Pattern.compile("claude-(?:\\d+-\\d+-|\\d+-)?(sonnet|opus|haiku)(?:-|$)");

    static Optional<ModelFamily> of(String model) {
        String name = normalize(model);
        boolean extended = name.contains("[1m]") || name.endsWith("[1m");
        String clean = name.replace("[1m]", "");
        if (clean.endsWith("[1m")) {
            clean = clean.substring(0, clean.length() - "[1m".length());
        }
        Matcher alias = ALIAS.matcher(clean);
        if (alias.matches()) {
            return Optional.of(new ModelFamily(alias.group(1), extended, true));
        }
        Matcher claude = CLAUDE.matcher(clean);
        if (claude.find()) {
            return Optional.of(new ModelFamily(claude.group(1), extended, false));
        }
        return Optional.empty();
    }

    /** True when the name carries the {@code [1m]} suffix. */
    static boolean asksForExtendedContext(String model) {
        return normalize(model).contains("[1m");
    }

    /** The fork's normalisation: the part after the last comma and slash, before any colon, trimmed, lower case. */
    static String normalize(String model) {
        String name = model == null ? "" : model;
        name = name.substring(name.lastIndexOf(',') + 1);
        name = name.substring(name.lastIndexOf('/') + 1);
        int colon = name.indexOf(':');
        if (colon >= 0) {
            name = name.substring(0, colon);
        }
        return name.trim().toLowerCase(Locale.ROOT);
    }
}
