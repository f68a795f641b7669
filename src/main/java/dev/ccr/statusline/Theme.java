package dev.ccr.statusline;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** The modules a status line shows, in order; CCR's built-in themes (docs/cli.md) or the configured ones. */
record Theme(List<Module> modules) {
    /** One module: {@code {type, icon?, text, color?, background?, scriptPath?, options?}}. */
    record Module(String type, String icon, String text, String color, String background, String scriptPath, JsonNode options) {
        static Module of(JsonNode node) {
            return new Module(node.path("type").asText(""), node.path("icon").asText(""), node.path("text").asText(""),
                    node.path("color").asText(""), node.path("background").asText(""), node.path("scriptPath").asText(""),
                    node.path("options"));
        }

        static Module builtIn(String type, String icon, String text, String color) {
            return new Module(type, icon, text, color, "", "", com.fasterxml.jackson.databind.node.MissingNode.getInstance());
        }
    }

    /** CCR's DEFAULT_THEME: Nerd Font icons. */
    static final Theme DEFAULT = new Theme(List.of(
            Module.builtIn("workDir", "\udb80\ude4b", "{{workDirName}}", "bright_blue"),
            Module.builtIn("gitBranch", "\ue725", "{{gitBranch}}", "bright_magenta"),
            Module.builtIn("model", "\udb81\udea9", "{{model}}", "bright_cyan"),
            Module.builtIn("usage", "↑", "{{inputTokens}}", "bright_green"),
            Module.builtIn("usage", "↓", "{{outputTokens}}", "bright_yellow")));

    /** CCR's SIMPLE_THEME, for terminals without Nerd Fonts. */
    static final Theme SIMPLE = new Theme(List.of(
            Module.builtIn("workDir", "", "{{workDirName}}", "bright_blue"),
            Module.builtIn("gitBranch", "", "{{gitBranch}}", "bright_magenta"),
            Module.builtIn("model", "", "{{model}}", "bright_cyan"),
            Module.builtIn("usage", "↑", "{{inputTokens}}", "bright_green"),
            Module.builtIn("usage", "↓", "{{outputTokens}}", "bright_yellow")));

    static Theme of(JsonNode modules) {
        List<Module> list = new ArrayList<>();
        modules.forEach(m -> list.add(Module.of(m)));
        return new Theme(list);
    }
}
