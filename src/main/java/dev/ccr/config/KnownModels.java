package dev.ccr.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ccr's own figures for well-known models: output cap and context window, as their providers document them. A
 * provider's or model's {@code limits} in the config override them (docs/configuration.md, "Output and context
 * limits"); a model not listed here has no limits until the config gives some.
 *
 * <p>Names are matched after the last {@code /} (so {@code deepseek/deepseek-chat} on OpenRouter is
 * {@code deepseek-chat}), before any {@code :} ({@code :free}), ignoring case; the first matching line wins, so the
 * narrower patterns come first. Where a provider gives "128K", the figure is 128000: a window a little smaller than
 * the real one only makes ccr careful a little early. Claude models are not listed: Anthropic accepts what Claude Code
 * sends, and Claude Code knows their limits itself.
 */
public final class KnownModels {
    private record Line(Pattern name, long maxOutputTokens, long contextWindow, String source) {
        Line(String regex, long maxOutputTokens, long contextWindow, String source) {
            this(Pattern.compile(regex), maxOutputTokens, contextWindow, source);
        }
    }

    /** Zero means "not documented": only the other figure is known. */
    private static final List<Line> LINES = List.of(
            // api-docs.deepseek.com, "Models & Pricing": 128K context (its errors say 131072); chat at most 8K output
            // (the deepseek transformer's 8192), reasoner at most 64K.
            new Line("deepseek-chat", 8_192, 131_072, "api-docs.deepseek.com"),
            new Line("deepseek-reasoner", 65_536, 131_072, "api-docs.deepseek.com"),
            // Alibaba Model Studio model list: Qwen3-Coder Plus/Flash 1M context, 64K output; Qwen3-Max 256K, 64K.
            new Line("qwen3-coder-(plus|flash).*", 65_536, 1_000_000, "Alibaba Model Studio"),
            new Line("qwen3-coder.*", 65_536, 256_000, "Alibaba Model Studio"),
            new Line("qwen3-max.*", 65_536, 256_000, "Alibaba Model Studio"),
            // docs.z.ai: GLM-4.6 and GLM-4.7 200K context, 128K output; GLM-4.5 (and -air) 128K context, 96K output.
            new Line("glm-4\\.[67].*", 128_000, 200_000, "docs.z.ai"),
            new Line("glm-4\\.5.*", 96_000, 128_000, "docs.z.ai"),
            // platform.moonshot.ai: kimi-k2-0711 128K; later K2 models 256K; input + max_tokens must fit the window.
            new Line("kimi-k2-0711.*", 0, 128_000, "platform.moonshot.ai"),
            new Line("kimi-k2.*", 0, 256_000, "platform.moonshot.ai"),
            new Line("moonshot-v1-(8|32|128)k.*", 0, 0, "platform.moonshot.ai"),
            // ai.google.dev, "Gemini models": 2.5 and 3 models 1M input, 64K output; 2.0 Flash 1M input, 8K output.
            new Line("gemini-(2\\.5|3)[.-].*", 65_536, 1_048_576, "ai.google.dev"),
            new Line("gemini-2\\.0-flash.*", 8_192, 1_048_576, "ai.google.dev"),
            // platform.openai.com model pages.
            new Line("gpt-5(\\.\\d+)?-chat.*", 16_384, 128_000, "platform.openai.com"),
            new Line("gpt-5.*", 128_000, 400_000, "platform.openai.com"),
            new Line("gpt-4\\.1.*", 32_768, 1_047_576, "platform.openai.com"),
            new Line("gpt-4o.*", 16_384, 128_000, "platform.openai.com"),
            new Line("o[34](-mini)?(-.*)?", 100_000, 200_000, "platform.openai.com"),
            new Line("gpt-oss-(20|120)b", 0, 131_072, "platform.openai.com"));

    private static final Pattern MOONSHOT_V1 = Pattern.compile("moonshot-v1-(\\d+)k.*");
    /**
     * Each request asks for its model's limits, and matching the lines took 4 KB and a few microseconds each time; the
     * names asked about are the config's, so a few hundred cover any config.
     */
    private static final Map<String, ModelLimits> LOOKED_UP = new ConcurrentHashMap<>();
    private static final int LOOKED_UP_MAX = 512;

    private KnownModels() {
    }

    /** ccr's figures for {@code model} ({@code [1m]} ignored), or {@link ModelLimits#UNKNOWN}. */
    public static ModelLimits of(String model) {
        ModelLimits known = LOOKED_UP.get(model);
        if (known == null) {
            known = lookUp(model);
            if (LOOKED_UP.size() < LOOKED_UP_MAX) {
                LOOKED_UP.put(model, known);
            }
        }
        return known;
    }

    private static ModelLimits lookUp(String model) {
        String name = normalize(ModelLimits.withoutExtendedSuffix(model));
        for (Line line : LINES) {
            if (line.name().matcher(name).matches()) {
                String source = "ccr's figure for " + name + ", " + line.source();
                long window = line.contextWindow();
                Matcher moonshot = MOONSHOT_V1.matcher(name);
                if (window == 0 && moonshot.matches()) {
                    window = Long.parseLong(moonshot.group(1)) * 1000; // moonshot-v1-32k: a 32K window
                }
                Optional<ModelLimits.Limit> output = line.maxOutputTokens() > 0
                        ? Optional.of(new ModelLimits.Limit(line.maxOutputTokens(), source)) : Optional.empty();
                return new ModelLimits(output, Optional.of(new ModelLimits.Limit(window, source)));
            }
        }
        return ModelLimits.UNKNOWN;
    }

    /** After the last {@code /}, before any {@code :}, trimmed, lower case. */
    static String normalize(String model) {
        String name = model.substring(model.lastIndexOf('/') + 1);
        int colon = name.indexOf(':');
        if (colon >= 0) {
            name = name.substring(0, colon);
        }
        return name.trim().toLowerCase(Locale.ROOT);
    }
}
