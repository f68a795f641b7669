package dev.ccr.wire.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.wire.BadRequestException;
import dev.ccr.wire.WireJson;

/** Anthropic image and document blocks from the URLs and data URLs other dialects carry media in. */
public final class MediaBlocks {
    private MediaBlocks() {}

    /**
     * An image block: base64 for a {@code data:} URL, else a URL source.
     *
     * @param where the JSON path of the part, for the error message
     */
    public static ObjectNode image(String url, String where) {
        if (url.isEmpty()) {
            throw new BadRequestException(where + ": an image needs a URL or a data: URL");
        }
        return WireJson.object().put("type", "image").set("source", source(url));
    }

    /** A document block from a {@code data:} URL (a PDF or text file sent inline). */
    public static ObjectNode document(String dataUrl, String filename, String where) {
        if (!dataUrl.startsWith("data:")) {
            throw new BadRequestException(where + ": a file must be sent inline as file_data (a data: URL)");
        }
        ObjectNode block = WireJson.object().put("type", "document");
        block.set("source", source(dataUrl));
        if (!filename.isEmpty()) {
            block.put("title", filename);
        }
        return block;
    }

    /** Inline bytes as base64 with their media type. */
    public static ObjectNode base64(String mediaType, String data) {
        return WireJson.object().put("type", "base64").put("media_type", mediaType).put("data", data);
    }

    private static ObjectNode source(String url) {
        if (url.startsWith("data:")) {
            int comma = url.indexOf(',');
            String head = comma < 0 ? url : url.substring(5, comma);
            String mediaType = head.endsWith(";base64") ? head.substring(0, head.length() - 7) : head;
            return base64(mediaType, comma < 0 ? "" : url.substring(comma + 1));
        }
        return WireJson.object().put("type", "url").put("url", url);
    }
}
