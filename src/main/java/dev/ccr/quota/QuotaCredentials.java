package dev.ccr.quota;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * What a quota call may use to sign in: the provider's endpoint and key, and its {@code quota_token} (a console
 * cookie or a token) and {@code quota_sec_token}. All secrets: never printed.
 */
public record QuotaCredentials(URI apiBaseUrl, String apiKey, Optional<String> token, Optional<String> secToken) {
    public QuotaCredentials {
        Objects.requireNonNull(apiBaseUrl, "apiBaseUrl");
        apiKey = apiKey == null ? "" : apiKey.trim();
    }

    /** The {@code quota_token} if set, else the API key. */
    String tokenOrKey() {
        return token.orElse(apiKey);
    }

    /** The console cookie in {@code quota_token}, required by console-backed adapters. */
    String cookie(String provider) throws QuotaException {
        return token.orElseThrow(() -> QuotaException.refused(provider + " needs the console cookie in quota_token (see docs/quota.md)"));
    }

    /** The API key, required by key-backed adapters. */
    String key() throws QuotaException {
        if (apiKey.isEmpty() && token.isEmpty()) {
            throw QuotaException.refused("no api_key or quota_token to ask with");
        }
        return tokenOrKey();
    }

    @Override
    public String toString() {
        return "QuotaCredentials[apiBaseUrl=" + apiBaseUrl + ", apiKey=***, token=" + (token.isPresent() ? "***" : "none") + "]";
    }
}
