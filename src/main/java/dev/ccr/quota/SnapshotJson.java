package dev.ccr.quota;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A {@link QuotaSnapshot} as JSON, the same in {@code quota-store.json} and in {@code GET /api/providers/quota}: the
 * CCR fork's flat fields for compatibility, then ccr's {@code balance} and {@code windows} (which are what is read
 * back).
 */
final class SnapshotJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SnapshotJson() {
    }

    static ObjectNode write(QuotaSnapshot s) {
        ObjectNode node = JSON.createObjectNode().put("provider", s.provider()).put("source", s.source())
                .put("checkedAt", s.checkedAt().toString());
        node.put("unknownReason", s.unknownReason().orElse(null));
        number(node, "totalBalance", s.totalBalance());
        number(node, "usedBalance", s.usedBalance());
        number(node, "remainingBalance", s.remainingBalance());
        number(node, "usedDailyBalance", s.usedDailyBalance());
        number(node, "limitDaily", s.limitDaily());
        node.put("currency", s.currency().orElse(null));
        node.put("resetTime", s.resetTime().map(Instant::toString).orElse(null));
        node.put("resetTime7d", s.resetTime7d().map(Instant::toString).orElse(null));
        s.reading().flatMap(QuotaReading::balance).ifPresentOrElse(b -> {
            ObjectNode balance = node.putObject("balance");
            number(balance, "total", b.total());
            number(balance, "used", b.used());
            number(balance, "remaining", b.remaining());
            number(balance, "usedToday", b.usedToday());
            balance.put("currency", b.currency().orElse(null));
        }, () -> node.putNull("balance"));
        ArrayNode windows = node.putArray("windows");
        s.reading().ifPresent(r -> r.windows().forEach(w -> {
            ObjectNode window = windows.addObject().put("name", w.name()).put("used", w.used()).put("limit", w.limit())
                    .put("remainingPercent", Math.round(w.remainingPercent() * 10) / 10.0);
            window.put("resetAt", w.resetAt().map(Instant::toString).orElse(null));
        }));
        return node;
    }

    static QuotaSnapshot read(JsonNode node) {
        Instant checkedAt = Instant.parse(node.path("checkedAt").asText());
        String provider = node.path("provider").asText();
        String source = node.path("source").asText("");
        if (node.path("unknownReason").isTextual()) {
            return QuotaSnapshot.unknown(provider, source, checkedAt, node.path("unknownReason").textValue());
        }
        JsonNode b = node.path("balance");
        Optional<QuotaBalance> balance = b.isObject() ? Optional.of(new QuotaBalance(Numbers.number(b.path("total")),
                Numbers.number(b.path("used")), Numbers.number(b.path("remaining")), Numbers.number(b.path("usedToday")),
                Numbers.text(b.path("currency")))) : Optional.empty();
        List<QuotaWindow> windows = new ArrayList<>();
        for (JsonNode w : node.path("windows")) {
            windows.add(new QuotaWindow(w.path("name").asText(), w.path("used").asDouble(), w.path("limit").asDouble(),
                    Numbers.instant(w.path("resetAt"))));
        }
        return QuotaSnapshot.known(provider, source, checkedAt, new QuotaReading(balance, windows));
    }

    private static void number(ObjectNode node, String field, OptionalDouble value) {
        if (value.isPresent()) {
            node.put(field, value.getAsDouble());
        } else {
            node.putNull(field);
        }
    }
}
