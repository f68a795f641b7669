package dev.ccr.observe;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.client.ClientRequest;
import dev.ccr.config.AtomicFiles;
import dev.ccr.config.PluginSettings;
import dev.ccr.routing.RouteDecision;
import dev.ccr.routing.SessionId;
import dev.ccr.usage.Usage;
import dev.ccr.wire.WireJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The CCR fork's token-speed plugin with its temp-file output (docs/compatibility.md): when enabled with
 * {@code "plugins": [{"name": "token-speed", "enabled": true}]}, each {@code /v1/messages} answer of a Claude Code
 * session writes {@code $TMPDIR/claude-code-router/session-<sessionId>.json}, which {@code ccr statusline} reads.
 *
 * <p>Measured from the request's own events: time to first token is the time to the first byte of the answer, and the
 * speed is the CCR fork's {@code round(outputTokens / max((duration − ttft) / 1 s, 1))} at the end (CCR also writes a
 * per-second figure while streaming). The session id is the routing decision's: {@code metadata.user_id} in the
 * legacy {@code _session_<id>} form or the JSON form newer Claude Code sends, or {@code x-claude-code-session-id}.
 */
public final class TokenSpeedRecorder implements RequestListener.Factory {
    private static final Logger LOG = LoggerFactory.getLogger(TokenSpeedRecorder.class);
    private static final ObjectMapper JSON = WireJson.MAPPER;
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9-]{1,128}");

    private final Path dir;
    private final Clock clock;

    TokenSpeedRecorder(Path dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
    }

    /** The recorder when the config enables {@code token-speed}; otherwise no listener. */
    public static RequestListener.Factory factory(PluginSettings plugins, Path tempDir, Clock clock) {
        return plugins.tokenSpeed() ? new TokenSpeedRecorder(tempDir.resolve("claude-code-router"), clock) : RequestListener.Factory.NONE;
    }

    @Override
    public RequestListener create(ClientRequest request) {
        return request.path().endsWith("/v1/messages") ? new Recording(clock.millis()) : RequestListener.NONE;
    }

    /** One request: its session comes from the routing decision, which reads all three places Claude Code puts it. */
    private final class Recording implements RequestListener {
        private final long start;
        private Optional<String> sessionId = Optional.empty();
        private boolean stream;
        private long firstByte = -1;

        Recording(long start) {
            this.start = start;
        }

        @Override
        public void bodyParsed(ObjectNode body) {
            stream = body.path("stream").asBoolean(false);
        }

        @Override
        public void routeDecided(RouteDecision decision) {
            sessionId = decision.session().map(SessionId::id).filter(id -> SAFE_ID.matcher(id).matches());
        }

        @Override
        public void firstByte() {
            if (firstByte < 0) {
                firstByte = clock.millis();
            }
        }

        @Override
        public void completed(int status, Usage usage) {
            if (sessionId.isEmpty()) {
                return;
            }
            String sessionId = this.sessionId.get();
            try {
                long end = clock.millis();
                long duration = end - start;
                long ttft = firstByte < 0 ? -1 : firstByte - start;
                double seconds = Math.max((duration - Math.max(ttft, 0)) / 1000.0, 1.0);
                ObjectNode record = JSON.createObjectNode()
                        .put("requestId", UUID.randomUUID().toString().substring(0, 8))
                        .put("sessionId", sessionId)
                        .put("stream", stream)
                        .put("tokenCount", usage.outputTokens())
                        .put("tokensPerSecond", Math.round(usage.outputTokens() / seconds))
                        .put("timeToFirstToken", ttft < 0 ? "N/A" : ttft + "ms")
                        .put("duration", String.format(Locale.ROOT, "%.2fs", duration / 1000.0))
                        .put("timestamp", end);
                Files.createDirectories(dir);
                AtomicFiles.write(dir.resolve("session-" + sessionId + ".json"), JSON.writeValueAsString(record));
            } catch (IOException | RuntimeException e) {
                LOG.debug("token-speed: could not write the session file: {}", e.toString());
            }
        }
    }
}
