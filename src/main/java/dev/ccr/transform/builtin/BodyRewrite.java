package dev.ccr.transform.builtin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.transform.ProviderResponse;
import dev.ccr.transform.TransformContext;
import dev.ccr.transform.Transformer;

import java.io.IOException;

/** A transformer that only rewrites the request body; the answer passes unchanged. */
abstract class BodyRewrite implements Transformer {
    /** Changes {@code body}, a private copy, in place. */
    abstract void rewrite(ObjectNode body, TransformContext context);

    @Override
    public final ProviderResponse transform(Chain chain) throws IOException {
        ObjectNode body = chain.request().copyBody();
        rewrite(body, chain.context());
        return chain.proceed(chain.request().withBody(body));
    }
}
