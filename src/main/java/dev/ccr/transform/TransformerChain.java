package dev.ccr.transform;

import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * Runs a provider's transformers in order around the provider call: {@code use[0]}'s request half first, its
 * response half last. Checks that each step proceeds exactly once and returns a response, and names the one that
 * does not.
 */
public final class TransformerChain {
    /** The provider call at the end of the chain. */
    @FunctionalInterface
    public interface Call {
        ProviderResponse send(ProviderRequest request) throws IOException;
    }

    private TransformerChain() {
    }

    public static ProviderResponse run(List<Transformer> transformers, ProviderRequest request, TransformContext context,
                                       Call call) throws IOException {
        return new Step(List.copyOf(transformers), 0, request, context, call).run();
    }

    private static final class Step implements Transformer.Chain {
        private final List<Transformer> transformers;
        private final int index;
        private final ProviderRequest request;
        private final TransformContext context;
        private final Call call;
        private int proceeded;

        Step(List<Transformer> transformers, int index, ProviderRequest request, TransformContext context, Call call) {
            this.transformers = transformers;
            this.index = index;
            this.request = request;
            this.context = context;
            this.call = call;
        }

        ProviderResponse run() throws IOException {
            if (index == transformers.size()) {
                return Objects.requireNonNull(call.send(request), "provider call returned no response");
            }
            Transformer transformer = transformers.get(index);
            ProviderResponse response = transformer.transform(this);
            if (proceeded != 1) {
                throw new IllegalStateException("transformer " + transformer.name() + " must call proceed() exactly once");
            }
            if (response == null) {
                throw new IllegalStateException("transformer " + transformer.name() + " returned no response");
            }
            return response;
        }

        @Override
        public ProviderRequest request() {
            return request;
        }

        @Override
        public TransformContext context() {
            return context;
        }

        @Override
        public ProviderResponse proceed(ProviderRequest next) throws IOException {
            if (++proceeded > 1) {
                throw new IllegalStateException("transformer " + transformers.get(index).name() + " must call proceed() exactly once");
            }
            return new Step(transformers, index + 1, Objects.requireNonNull(next, "request"), context, call).run();
        }
    }
}
