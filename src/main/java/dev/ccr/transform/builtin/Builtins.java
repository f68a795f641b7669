package dev.ccr.transform.builtin;

import dev.ccr.transform.ProviderResponse;
import dev.ccr.transform.Transformer;
import dev.ccr.transform.TransformerRegistry;

import java.io.IOException;
import java.util.function.UnaryOperator;

/** Registers every built-in transformer under its CCR name. */
public final class Builtins {
    private Builtins() {
    }

    public static void registerAll(TransformerRegistry registry) {
        registerAll(registry, System::getenv);
    }

    /** A registry with ccr's built-in transformers. */
    public static TransformerRegistry registry() {
        TransformerRegistry registry = new TransformerRegistry();
        registerAll(registry);
        return registry;
    }

    /** As {@link #registerAll(TransformerRegistry)}, with {@code env} as the environment the Vertex ones read. */
    static void registerAll(TransformerRegistry registry, UnaryOperator<String> env) {
        GoogleTokens tokens = new GoogleTokens(); // one token cache for all Vertex providers of this registry
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
                .register("vertex-gemini", options -> new VertexGeminiTransformer(
                        VertexSettings.of(options, env, "us-central1"), tokens))
                .register("vertex-claude", options -> new VertexClaudeTransformer(
                        VertexSettings.of(options, env, "us-east5"), tokens))
                .register("vertex-openai", options -> new VertexOpenAiTransformer(
                        VertexSettings.of(options, env, "us-central1"), tokens))
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
