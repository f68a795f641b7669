package dev.ccr.config;

import java.util.List;
import java.util.Map;

/**
 * A provider's transformer chains: {@code use} for every model, and per bare model name a model-level chain
 * (docs/configuration.md).
 */
public record TransformerSpec(List<TransformerRef> use, Map<String, List<TransformerRef>> byModel) {
    public static final TransformerSpec NONE = new TransformerSpec(List.of(), Map.of());

    /**
     * The name of CCR's Anthropic endpoint transformer; a chain of only this one means "pass through"
     * (docs/ccr-checklist.md item 57).
     */
    public static final String ANTHROPIC = "Anthropic";

    public TransformerSpec {
        use = List.copyOf(use);
        byModel = Map.copyOf(byModel);
    }

    public List<TransformerRef> forModel(String model) {
        return byModel.getOrDefault(model, List.of());
    }

    /**
     * True when the request and response travel unchanged for this model: CCR's bypass rule (docs/ccr-checklist.md item
     * 57).
     */
    public boolean passesThrough(String model) {
        List<TransformerRef> modelChain = forModel(model);
        return use.size() == 1 && use.getFirst().name().equals(ANTHROPIC)
                && (modelChain.isEmpty() || modelChain.size() == 1 && modelChain.getFirst().name().equals(ANTHROPIC));
    }
}
