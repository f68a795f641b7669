package dev.ccr.limits;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * One person's (or tool's) key: its name, which appears in usage records and metrics; the secret itself, which
 * appears nowhere ({@link #toString} leaves it out); its limits; and the {@code provider,model} patterns it may be
 * routed to ({@code *} matches any text; no patterns: every model).
 */
public record ClientKey(String name, String secret, OptionalLong requestsPerMinute, OptionalLong tokensPerDay,
                        List<String> models) {
    public ClientKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(secret, "secret");
        models = List.copyOf(models);
    }

    /** Whether this key may use {@code provider,model}. */
    public boolean allows(String provider, String model) {
        if (models.isEmpty()) {
            return true;
        }
        String route = provider + "," + model;
        return models.stream().anyMatch(pattern -> glob(pattern, route));
    }

    private static boolean glob(String pattern, String text) {
        StringBuilder regex = new StringBuilder();
        for (String part : pattern.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return text.matches(regex.toString());
    }

    @Override
    public String toString() {
        return "ClientKey[" + name + "]";
    }
}
