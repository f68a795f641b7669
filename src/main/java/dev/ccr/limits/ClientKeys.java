package dev.ccr.limits;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The configured client keys ({@code "CLIENT_KEYS": [{"name", "key", "limits", "models"}]}), and which one a request
 * carries. A presented key is hashed and compared with every configured key's hash by {@link MessageDigest#isEqual}, all
 * of them every time, so neither the time taken nor its length tells a caller how close a guess came.
 */
public final class ClientKeys {
    /** No client keys configured. */
    public static final ClientKeys NONE = new ClientKeys(List.of());
    /** The config key. */
    public static final String CONFIG_KEY = "CLIENT_KEYS";

    private final List<ClientKey> keys;
    private final List<byte[]> digests;

    private ClientKeys(List<ClientKey> keys) {
        this.keys = List.copyOf(keys);
        this.digests = keys.stream().map(k -> sha256(k.secret())).toList();
    }

    /**
     * Reads {@code CLIENT_KEYS} from the resolved (interpolated) config.
     *
     * @throws IllegalArgumentException naming every problem (by path, never by secret)
     */
    public static ClientKeys parse(JsonNode root) {
        JsonNode list = root.path(CONFIG_KEY);
        if (list.isMissingNode() || list.isNull()) {
            return NONE;
        }
        List<String> problems = new ArrayList<>();
        List<ClientKey> keys = new ArrayList<>();
        if (!list.isArray()) {
            throw new IllegalArgumentException(CONFIG_KEY + " must be a list of {\"name\", \"key\", \"limits\", \"models\"}");
        }
        Set<String> names = new HashSet<>();
        Set<String> secrets = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode k = list.get(i);
            String path = CONFIG_KEY + "[" + i + "]";
            String name = k.path("name").asText("");
            String secret = k.path("key").asText("");
            if (name.isBlank()) {
                problems.add(path + ".name is missing: give each key a name (it appears in usage records)");
            } else if (!names.add(name)) {
                problems.add(path + ".name '" + name + "' is used twice: names must be unique");
            }
            if (secret.isBlank() || secret.startsWith("$")) {
                problems.add(path + ".key is missing or names an unset environment variable");
            } else if (!secrets.add(secret)) {
                problems.add(path + ".key is the same as another key's: each key must be its own");
            }
            List<String> models = new ArrayList<>();
            k.path("models").forEach(m -> models.add(m.asText()));
            keys.add(new ClientKey(name, secret, positive(k.path("limits"), "requestsPerMinute", path, problems),
                    positive(k.path("limits"), "tokensPerDay", path, problems), models));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new ClientKeys(keys);
    }

    private static OptionalLong positive(JsonNode limits, String field, String path, List<String> problems) {
        JsonNode value = limits.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return OptionalLong.empty();
        }
        if (!value.canConvertToLong() || value.asLong() <= 0) {
            problems.add(path + ".limits." + field + " must be a positive whole number");
            return OptionalLong.empty();
        }
        return OptionalLong.of(value.asLong());
    }

    /** The key named {@code name}. */
    public Optional<ClientKey> named(String name) {
        return keys.stream().filter(k -> k.name().equals(name)).findFirst();
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }

    /** The key {@code presented} is, compared in constant time against every configured key. */
    public Optional<ClientKey> find(String presented) {
        if (keys.isEmpty() || presented == null) {
            return Optional.empty();
        }
        byte[] digest = sha256(presented);
        ClientKey found = null;
        for (int i = 0; i < keys.size(); i++) {
            if (MessageDigest.isEqual(digest, digests.get(i)) & found == null) {
                found = keys.get(i);
            }
        }
        return Optional.ofNullable(found);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
