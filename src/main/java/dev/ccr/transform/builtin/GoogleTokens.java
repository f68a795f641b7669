package dev.ccr.transform.builtin;

import com.google.api.client.http.HttpResponseException;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import dev.ccr.transform.TransformerException;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Google access tokens for the {@code vertex-*} transformers, minted by google-auth-library from a {@link GoogleKey}.
 *
 * <p>One credentials object per key lives as long as the transformer registry (the running router; a key file is
 * read once, when first needed); it keeps its token and mints a new one only when the old one is within minutes of expiry, so a request normally pays
 * nothing. Minting is a blocking HTTP call made on the request's virtual thread, never on a server IO thread.
 *
 * <p>The private key and the tokens are secrets: errors from here name the transformer, the key's source (a path or
 * a client e-mail) and the token endpoint's HTTP status, never a key, a token or the endpoint's answer.
 */
final class GoogleTokens {
    static final String SCOPE = "https://www.googleapis.com/auth/cloud-platform";

    private final ConcurrentMap<GoogleKey, GoogleCredentials> credentials = new ConcurrentHashMap<>();

    /** The headers that authorize one call: {@code Authorization: Bearer …} (and a quota project, if the key has one). */
    Map<String, String> headers(GoogleKey key, URI target, String transformer) throws TransformerException {
        GoogleCredentials c = credentials(key, transformer);
        Map<String, List<String>> metadata;
        try {
            metadata = c.getRequestMetadata(target);
        } catch (IOException | RuntimeException e) {
            throw new TransformerException(transformer + ": could not get a Google access token for " + describe(key)
                    + ": " + reason(e));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        metadata.forEach((name, values) -> {
            if (!values.isEmpty()) {
                headers.put(name, values.getFirst());
            }
        });
        return headers;
    }

    /** The project the key belongs to, when it says ({@code project_id} of a service-account key). */
    Optional<String> projectId(GoogleKey key, String transformer) throws TransformerException {
        return credentials(key, transformer) instanceof ServiceAccountCredentials sa
                ? Optional.ofNullable(sa.getProjectId()).filter(p -> !p.isBlank())
                : Optional.empty();
    }

    private GoogleCredentials credentials(GoogleKey key, String transformer) throws TransformerException {
        GoogleCredentials cached = credentials.get(key);
        if (cached != null) {
            return cached;
        }
        GoogleCredentials loaded;
        try {
            loaded = load(key);
        } catch (IOException | RuntimeException e) {
            if (key instanceof GoogleKey.ApplicationDefault) {
                throw new TransformerException(transformer + ": no Google credentials: set the transformer option"
                        + " \"keyFile\" or GOOGLE_APPLICATION_CREDENTIALS to a service-account key file, or run"
                        + " gcloud auth application-default login");
            }
            throw new TransformerException(transformer + ": could not load Google credentials from " + describe(key)
                    + ": " + (e instanceof NoSuchFileException ? "no such file" : reason(e)));
        }
        GoogleCredentials raced = credentials.putIfAbsent(key, loaded);
        return raced != null ? raced : loaded;
    }

    private static GoogleCredentials load(GoogleKey key) throws IOException {
        GoogleCredentials c = switch (key) {
            case GoogleKey.KeyFile file -> {
                try (InputStream in = Files.newInputStream(file.path())) {
                    yield GoogleCredentials.fromStream(in);
                }
            }
            case GoogleKey.Inline inline -> {
                ServiceAccountCredentials.Builder b = ServiceAccountCredentials.newBuilder()
                        .setClientEmail(inline.clientEmail())
                        // CCR's options carry the PEM with "\n" escaped, as the JSON key file does.
                        .setPrivateKeyString(inline.privateKey().replace("\\n", "\n"));
                inline.privateKeyId().ifPresent(b::setPrivateKeyId);
                inline.tokenUri().map(URI::create).ifPresent(b::setTokenServerUri);
                inline.projectId().ifPresent(b::setProjectId);
                yield b.build();
            }
            case GoogleKey.ApplicationDefault ignored -> GoogleCredentials.getApplicationDefault();
        };
        return c.createScopedRequired() ? c.createScoped(List.of(SCOPE)) : c;
    }

    private static String describe(GoogleKey key) {
        return switch (key) {
            case GoogleKey.KeyFile file -> "the key file " + file.path();
            case GoogleKey.Inline inline -> "the service account " + inline.clientEmail();
            case GoogleKey.ApplicationDefault ignored -> "Google's application default credentials";
        };
    }

    /** Why a load or a refresh failed, in words that cannot hold a secret. */
    private static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpResponseException http) {
                return "the token endpoint answered HTTP " + http.getStatusCode();
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException || t instanceof java.net.UnknownHostException
                    || t instanceof java.net.SocketTimeoutException) {
                return "the token endpoint could not be reached (" + t.getClass().getSimpleName() + ")";
            }
        }
        String message = e.getMessage();
        // The library's own wording of a malformed key ("'type' field not specified", "Invalid PKCS#8 data") helps;
        // anything that might quote the key does not get through.
        boolean plain = message != null && message.length() < 200 && !message.contains("PRIVATE KEY") && !message.contains("{");
        return "not a usable Google key (" + (plain ? message : e.getClass().getSimpleName()) + ")";
    }
}
