package dev.ccr.transform.builtin;

import dev.ccr.transform.ProviderResponse;
import dev.ccr.transform.Transformer;
import dev.ccr.transform.TransformerRegistry;

import java.io.IOException;

/** Registers every built-in transformer under its CCR name. */
public final class Builtins {
    private Builtins() {
    }

    public static void registerAll(TransformerRegistry registry) {
        registry.register("maxtoken", MaxTokenTransformer::fromOptions)
                .register("sampling", SamplingTransformer::new)
                .register("customparams", CustomParamsTransformer::new)
                .register("maxcompletiontokens", options -> new MaxCompletionTokensTransformer())
                .register("streamoptions", options -> new StreamOptionsTransformer())
                .register("cleancache", options -> new CleanCacheTransformer())
                .register("openrouter", options -> new GatewayTransformer("openrouter", options))
                .register("deepseek", options -> new DeepSeekTransformer())
                .register("groq", options -> new GroqTransformer())
                .register("noreasoning", options -> new NoReasoningTransformer())
                .register("gemini", options -> new GeminiTransformer())
                .register("tooluse", options -> new ToolUseTransformer())
                .register("enhancetool", options -> new EnhanceToolTransformer())
                .register("reasoning", ReasoningTransformer::new)
                .register("cerebras", options -> new CerebrasTransformer())
                .register("vercel", options -> new GatewayTransformer("vercel", options))
                .register("forcereasoning", options -> new ForceReasoningTransformer())
                .register("openai-responses", options -> new OpenAiResponsesTransformer())
                // The Anthropic⇄OpenAI conversion is the dialect's own job; in a mixed chain the name does nothing.
                .register("Anthropic", options -> NOTHING);
    }

    private static final Transformer NOTHING = new Transformer() {
        @Override
        public String name() {
            return "Anthropic";
        }

        @Override
        public ProviderResponse transform(Chain chain) throws IOException {
            return chain.proceed(chain.request());
        }
    };
}
