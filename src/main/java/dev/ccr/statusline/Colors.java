package dev.ccr.statusline;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The colour names and hex colours modules use (CCR's {@code statusline.ts} tables), as ANSI escape codes.
 *
 * <p>Unlike CCR's default style, which turns only hex colours into codes and silently drops named ones (pitfall
 * P-18), named colours work in both styles.
 */
final class Colors {
    static final String RESET = "\u001b[0m";

    /** CCR's 16-colour names and their SGR codes. */
    private static final Map<String, String> NAMED = Map.ofEntries(
            Map.entry("black", "30"), Map.entry("red", "31"), Map.entry("green", "32"), Map.entry("yellow", "33"),
            Map.entry("blue", "34"), Map.entry("magenta", "35"), Map.entry("cyan", "36"), Map.entry("white", "37"),
            Map.entry("bright_black", "90"), Map.entry("bright_red", "91"), Map.entry("bright_green", "92"),
            Map.entry("bright_yellow", "93"), Map.entry("bright_blue", "94"), Map.entry("bright_magenta", "95"),
            Map.entry("bright_cyan", "96"), Map.entry("bright_white", "97"),
            Map.entry("bg_black", "40"), Map.entry("bg_red", "41"), Map.entry("bg_green", "42"), Map.entry("bg_yellow", "43"),
            Map.entry("bg_blue", "44"), Map.entry("bg_magenta", "45"), Map.entry("bg_cyan", "46"), Map.entry("bg_white", "47"),
            Map.entry("bg_bright_black", "100"), Map.entry("bg_bright_red", "101"), Map.entry("bg_bright_green", "102"),
            Map.entry("bg_bright_yellow", "103"), Map.entry("bg_bright_blue", "104"), Map.entry("bg_bright_magenta", "105"),
            Map.entry("bg_bright_cyan", "106"), Map.entry("bg_bright_white", "107"));

    /** CCR's powerline palette: names to 256-colour indexes. */
    private static final Map<String, Integer> PALETTE = Map.ofEntries(
            Map.entry("black", 0), Map.entry("red", 1), Map.entry("green", 2), Map.entry("yellow", 3), Map.entry("blue", 4),
            Map.entry("magenta", 5), Map.entry("cyan", 6), Map.entry("white", 7), Map.entry("bright_black", 8),
            Map.entry("bright_red", 9), Map.entry("bright_green", 10), Map.entry("bright_yellow", 11),
            Map.entry("bright_blue", 12), Map.entry("bright_magenta", 13), Map.entry("bright_cyan", 14),
            Map.entry("bright_white", 15), Map.entry("bg_black", 0), Map.entry("bg_red", 1), Map.entry("bg_green", 2),
            Map.entry("bg_yellow", 3), Map.entry("bg_blue", 4), Map.entry("bg_magenta", 5), Map.entry("bg_cyan", 6),
            Map.entry("bg_white", 7), Map.entry("bg_bright_black", 8), Map.entry("bg_bright_red", 9),
            Map.entry("bg_bright_green", 10), Map.entry("bg_bright_yellow", 11), Map.entry("bg_bright_blue", 12),
            Map.entry("bg_bright_magenta", 13), Map.entry("bg_bright_cyan", 14), Map.entry("bg_bright_white", 15),
            Map.entry("bg_bright_orange", 202), Map.entry("bg_bright_purple", 129));

    private static final int[][] BASIC = {{0, 0, 0}, {128, 0, 0}, {0, 128, 0}, {128, 128, 0}, {0, 0, 128}, {128, 0, 128},
            {0, 128, 128}, {192, 192, 192}, {128, 128, 128}, {255, 0, 0}, {0, 255, 0}, {255, 255, 0}, {0, 0, 255},
            {255, 0, 255}, {0, 255, 255}, {255, 255, 255}};
    private static final Pattern HEX = Pattern.compile("^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$");

    private Colors() {
    }

    /** A foreground code for the default style: named colour or hex; unknown → "". */
    static String foreground(String color) {
        if (color == null || color.isEmpty()) {
            return "";
        }
        String named = NAMED.get(color);
        if (named != null) {
            return "\u001b[" + named + "m";
        }
        return hex(color).map(rgb -> "\u001b[38;2;" + rgb[0] + ";" + rgb[1] + ";" + rgb[2] + "m").orElse("");
    }

    /** A background code for the default style: {@code bg_*} name, name, or hex; unknown → "". */
    static String background(String color) {
        if (color == null || color.isEmpty()) {
            return "";
        }
        String named = NAMED.get(color.startsWith("bg_") ? color : "bg_" + color);
        if (named != null) {
            return "\u001b[" + named + "m";
        }
        String hex = color.startsWith("bg_#") ? color.substring(3) : color;
        return hex(hex).map(rgb -> "\u001b[48;2;" + rgb[0] + ";" + rgb[1] + ";" + rgb[2] + "m").orElse("");
    }

    /** RGB for the powerline style (CCR's {@code getTrueColorRgb}). */
    static Optional<int[]> rgb(String color) {
        if (color == null) {
            return Optional.empty();
        }
        Integer index = PALETTE.get(color);
        if (index != null) {
            return Optional.of(color256(index));
        }
        if (color.startsWith("bg_#")) {
            return hex(color.substring(3));
        }
        return hex(color);
    }

    private static Optional<int[]> hex(String color) {
        if (!HEX.matcher(color.trim()).matches()) {
            return Optional.empty();
        }
        String h = color.trim().replace("#", "");
        if (h.length() == 3) {
            h = "" + h.charAt(0) + h.charAt(0) + h.charAt(1) + h.charAt(1) + h.charAt(2) + h.charAt(2);
        }
        return Optional.of(new int[] {Integer.parseInt(h.substring(0, 2), 16), Integer.parseInt(h.substring(2, 4), 16),
                Integer.parseInt(h.substring(4, 6), 16)});
    }

    private static int[] color256(int index) {
        if (index < 16) {
            return BASIC[index].clone();
        }
        if (index < 232) {
            int i = index - 16;
            int[] steps = {0, 95, 135, 175, 215, 255};
            return new int[] {steps[i / 36], steps[(i % 36) / 6], steps[i % 6]};
        }
        int gray = 8 + (index - 232) * 10;
        return new int[] {gray, gray, gray};
    }
}
