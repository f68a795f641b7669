package dev.ccr.pipeline;

import dev.ccr.config.TransformerRef;
import dev.ccr.transform.Transformer;
import dev.ccr.transform.TransformerRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds the transformer chain for one attempt: the provider's {@code use} list, then the routed model's own
 * (docs/compatibility.md#transformers). Unknown names are skipped, as in CCR, but with a warning (once per name).
 */
final class ProviderChains {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderChains.class);

    private final TransformerRegistry registry;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    ProviderChains(TransformerRegistry registry) {
        this.registry = registry;
    }

    List<Transformer> forAttempt(Attempt attempt) {
        var spec = attempt.provider().transformer();
        List<Transformer> chain = new ArrayList<>();
        add(chain, spec.use(), attempt);
        add(chain, spec.forModel(attempt.target().model()), attempt);
        return chain;
    }

    private void add(List<Transformer> chain, List<TransformerRef> refs, Attempt attempt) {
        for (TransformerRef ref : refs) {
            registry.create(ref.name(), ref.options()).ifPresentOrElse(chain::add, () -> {
                if (warned.add(ref.name())) {
                    LOG.warn("Transformer '{}' of provider '{}' is unknown and is skipped", ref.name(), attempt.provider().name());
                }
            });
        }
    }
}
