package dev.ccr.transform.builtin;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a {@code vertex-*} transformer's Google credentials come from. Used as the key of {@link GoogleTokens}'s
 * cache, so equal sources share one access token.
 */
sealed interface GoogleKey {
    /** A JSON key file (a service account's, or the {@code authorized_user} file {@code gcloud} writes). */
    record KeyFile(Path path) implements GoogleKey {
    }

    /**
     * A service account given inline in the transformer's options, as CCR's {@code vertex-openai} takes it.
     * {@link #toString} leaves the private key out.
     */
    record Inline(String clientEmail, String privateKey, Optional<String> privateKeyId, Optional<String> tokenUri,
                  Optional<String> projectId) implements GoogleKey {
        @Override
        public String toString() {
            return "Inline[clientEmail=" + clientEmail + "]";
        }
    }

    /** Google's application default credentials ({@code gcloud auth application-default login}, the metadata server). */
    record ApplicationDefault() implements GoogleKey {
    }
}
