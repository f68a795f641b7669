package dev.ccr.script;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SourceSection;
import org.graalvm.polyglot.Value;

import java.io.IOException;
import java.util.Optional;

/**
 * A script failed: it threw, was interrupted or answered something unusable. The message is the JS error
 * ({@code TypeError: x is not a function (at /path/plugin.js:12:5)}), never request data; {@link #module} names a
 * Node module ccr does not provide when that was the cause.
 */
final class ScriptFailure extends RuntimeException {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Optional<String> module;

    ScriptFailure(String message, Optional<String> module) {
        super(message, null, false, false);
        this.module = module;
    }

    ScriptFailure(String message) {
        this(message, Optional.empty());
    }

    Optional<String> module() {
        return module;
    }

    /** Throws the failure a JS {@code done(error, ...)} callback reported, if it reported one. */
    static void throwIfError(Value error) {
        if (error != null && !error.isNull()) {
            throw fromJson(error.asString());
        }
    }

    /** A failure from the runtime's JSON {@code {message, module}}. */
    static ScriptFailure fromJson(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            return new ScriptFailure(node.path("message").asText("unknown error"),
                    node.path("module").isTextual() ? Optional.of(node.get("module").textValue()) : Optional.empty());
        } catch (IOException e) {
            return new ScriptFailure(json);
        }
    }

    /** A failure from an exception thrown into Java by a call into JS. */
    static ScriptFailure of(PolyglotException e) {
        if (e.isResourceExhausted()) {
            return new ScriptFailure("the script was stopped: it exceeded the statement limit (an endless loop?)");
        }
        if (e.isInterrupted()) {
            return new ScriptFailure("the script was stopped: it ran longer than its time limit");
        }
        if (e.isCancelled()) {
            return new ScriptFailure("the JS context was shut down while the script ran");
        }
        Optional<String> module = Optional.empty();
        Value guest = e.isGuestException() ? e.getGuestObject() : null;
        if (guest != null && guest.hasMembers() && guest.getMember("code") != null && guest.getMember("code").isString()
                && guest.getMember("code").asString().equals("CCR_UNSUPPORTED_MODULE")) {
            module = Optional.of(guest.getMember("moduleName").asString());
        }
        SourceSection at = e.getSourceLocation();
        String where = at != null && at.getSource().getName().startsWith("/")
                ? " (at " + at.getSource().getName() + ":" + at.getStartLine() + ")" : "";
        return new ScriptFailure(e.getMessage() + where, module);
    }
}
