package dev.ccr.transform.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.transform.HeaderList;
import dev.ccr.transform.ProviderResponse;
import dev.ccr.transform.Transformer;

import java.io.IOException;

/**
 * {@code cerebras} (docs/compatibility.md, Transformers), as CCR does it: a request with {@code reasoning} has it
 * removed (Cerebras rejects it); one without gets {@code disable_reasoning:false}.
 * {@code Authorization: Bearer <provider key>} and {@code Content-Type: application/json} are forced; with no provider
 * key, {@code Authorization} is left as it is.
 */
final class CerebrasTransformer implements Transformer {
    @Override
    public String name() {
        return "cerebras";
    }

    @Override
    public ProviderResponse transform(Chain chain) throws IOException {
        ObjectNode body = chain.request().copyBody();
        JsonNode reasoning = body.get("reasoning");
        if (reasoning != null && !reasoning.isNull()) {
            body.remove("reasoning");
        } else {
            body.put("disable_reasoning", false);
        }
        HeaderList headers = chain.request().headers().with("Content-Type", "application/json");
        String key = chain.context().provider().apiKey();
        if (key != null && !key.isBlank()) {
            headers = headers.with("Authorization", "Bearer " + key);
        }
        return chain.proceed(chain.request().withBody(body).withHeaders(headers));
    }
}
