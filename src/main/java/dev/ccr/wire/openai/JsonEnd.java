package dev.ccr.wire.openai;

/**
 * Tells, fragment by fragment and without keeping the text, whether streamed tool arguments already form a whole
 * JSON value: a stream converter uses it to know that a tool call can take no more fragments.
 */
final class JsonEnd {
    private int depth;
    private boolean started;
    private boolean inString;
    private boolean escaped;

    void feed(String fragment) {
        for (int i = 0; i < fragment.length(); i++) {
            char c = fragment.charAt(i);
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
                started = true;
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
    }

    /** True once an object or array has been opened and closed again. */
    boolean complete() {
        return started && depth <= 0 && !inString;
    }
}
