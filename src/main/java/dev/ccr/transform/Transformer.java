package dev.ccr.transform;

import java.io.IOException;

/**
 * One step of a provider's transformer chain. The code before {@code chain.proceed(request)} is the request half, the
 * code after it the response half; a step that changes something on the way out restores it on the way back in the
 * same class. Every step must call {@code proceed} exactly once.
 */
public interface Transformer {
    /** The name a provider's {@code transformer.use} refers to it by, e.g. {@code maxtoken}. */
    String name();

    ProviderResponse transform(Chain chain) throws IOException;

    /** A step's view of the rest of the chain. */
    interface Chain {
        ProviderRequest request();

        TransformContext context();

        /** Runs the rest of the chain and the provider call; throws {@link ProviderHttpException} on a non-2xx answer. */
        ProviderResponse proceed(ProviderRequest request) throws IOException;
    }
}
