package dev.ccr.transform.builtin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.transform.TransformContext;

/**
 * {@code streamoptions}: asks streaming calls for a final usage chunk. ccr already does this by default, so the
 * transformer only matters where another step removed it.
 */
final class StreamOptionsTransformer extends BodyRewrite {
    @Override
    public String name() {
        return "streamoptions";
    }

    @Override
    void rewrite(ObjectNode body, TransformContext context) {
        if (body.path("stream").asBoolean(false)) {
            body.putObject("stream_options").put("include_usage", true);
        }
    }
}
