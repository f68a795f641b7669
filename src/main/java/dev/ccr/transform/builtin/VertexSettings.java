package dev.ccr.transform.builtin;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where a {@code vertex-*} transformer sends its calls and with which credentials, from its options first, then the
 * environment CCR reads (docs/configuration.md, "Google Vertex AI providers"):
 * <ul>
 *   <li>project: option {@code project}, else {@code GOOGLE_CLOUD_PROJECT}, else the key's {@code project_id};</li>
 *   <li>location: option {@code location} (or {@code region}), else {@code GOOGLE_CLOUD_LOCATION}, else the
 *       transformer's default ({@code us-central1}; {@code us-east5} for {@code vertex-claude}, as CCR);</li>
 *   <li>key: option {@code keyFile} (a leading {@code ~/} is the home folder), else an inline service account ({@code client_email} + {@code private_key},
 *       optionally {@code private_key_id}, {@code token_uri}, {@code project_id}, as CCR's {@code vertex-openai}
 *       takes it), else the file {@code GOOGLE_APPLICATION_CREDENTIALS} names, else Google's application default
 *       credentials.</li>
 * </ul>
 */
record VertexSettings(Optional<String> project, String location, GoogleKey key) {
    static final String GOOGLE_HOST = "aiplatform.googleapis.com";

    static VertexSettings of(JsonNode options, UnaryOperator<String> env, String defaultLocation) {
        Optional<String> project = text(options, "project").or(() -> nonBlank(env.apply("GOOGLE_CLOUD_PROJECT")));
        String location = text(options, "location").or(() -> text(options, "region"))
                .or(() -> nonBlank(env.apply("GOOGLE_CLOUD_LOCATION"))).orElse(defaultLocation);
        return new VertexSettings(project, location, key(options, env));
    }

    private static GoogleKey key(JsonNode options, UnaryOperator<String> env) {
        Optional<String> keyFile = text(options, "keyFile");
        if (keyFile.isPresent()) {
            String path = keyFile.get();
            return new GoogleKey.KeyFile(path.startsWith("~/")
                    ? Path.of(System.getProperty("user.home"), path.substring(2)) : Path.of(path));
        }
        Optional<String> email = text(options, "client_email");
        Optional<String> privateKey = text(options, "private_key");
        if (email.isPresent() && privateKey.isPresent()) {
            return new GoogleKey.Inline(email.get(), privateKey.get(), text(options, "private_key_id"),
                    text(options, "token_uri"), text(options, "project_id"));
        }
        return nonBlank(env.apply("GOOGLE_APPLICATION_CREDENTIALS"))
                .<GoogleKey>map(path -> new GoogleKey.KeyFile(Path.of(path)))
                .orElseGet(GoogleKey.ApplicationDefault::new);
    }

    /**
     * What the Vertex paths hang under: {@code https://{location}-aiplatform.googleapis.com} (the bare host for
     * {@code global}) when {@code api_base_url} is a Google host, else {@code api_base_url} itself without its query
     * and trailing {@code /} (a proxy, a test server).
     */
    String root(URI apiBaseUrl) {
        String host = apiBaseUrl.getHost();
        if (host == null || host.endsWith(GOOGLE_HOST)) {
            return "https://" + ("global".equals(location) ? "" : location + "-") + GOOGLE_HOST;
        }
        String s = apiBaseUrl.toString();
        int query = s.indexOf('?');
        s = query >= 0 ? s.substring(0, query) : s;
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** {@code /v1/projects/{project}/locations/{location}}, each segment escaped. */
    String locationPath(String project) {
        return "/v1/projects/" + segment(project) + "/locations/" + segment(location);
    }

    /** One path segment, escaped; {@code @} stays, as in Vertex's versioned model names ({@code claude-x@20250929}). */
    static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("%40", "@");
    }

    private static Optional<String> text(JsonNode options, String name) {
        JsonNode value = options == null ? null : options.get(name);
        return value != null && value.isTextual() ? nonBlank(value.asText()) : Optional.empty();
    }

    private static Optional<String> nonBlank(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.strip());
    }
}
