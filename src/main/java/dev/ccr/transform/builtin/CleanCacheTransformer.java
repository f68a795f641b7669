package dev.ccr.transform.builtin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.transform.TransformContext;

/** {@code cleancache}: removes {@code cache_control} from every message and content part. */
final class CleanCacheTransformer extends BodyRewrite {
    @Override
    public String name() {
        return "cleancache";
    }

    @Override
    void rewrite(ObjectNode body, TransformContext context) {
        CacheControl.strip(body);
    }
}
