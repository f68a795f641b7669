package dev.ccr.launch;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How {@code ccr gemini} runs Google's Gemini CLI against ccr on {@code port}: all through its environment, which
 * Gemini CLI reads at every start. {@code GOOGLE_GEMINI_BASE_URL} points its Gemini API client at the router's
 * {@code /v1beta/models/...} endpoints, {@code GEMINI_API_KEY} carries the router's key (sent as
 * {@code x-goog-api-key}), and {@code GEMINI_DEFAULT_AUTH_TYPE} preselects "Use Gemini API key" when the user has not
 * chosen a sign-in yet.
 *
 * <p>From Gemini CLI 0.61 on, {@code GOOGLE_GEMINI_BASE_URL} alone makes its sign-in "gateway", which its own check
 * then refuses ("Invalid auth method selected.", exit 41) unless a settings file names a sign-in. So
 * {@code GEMINI_CLI_SYSTEM_DEFAULTS_PATH} points at a file of ccr's ({@link #writeSystemDefaults}) saying "Use Gemini
 * API key": system defaults are the lowest layer of Gemini CLI's settings, so a sign-in the user chose still wins.
 * Gemini CLI skips the file if a folder above it is writable by others, which ccr's home is not.
 *
 * <p>{@code GOOGLE_GENAI_USE_VERTEXAI} and {@code GOOGLE_GENAI_USE_GCA} are removed for this run:
 * they would send Gemini CLI to Vertex AI or Code Assist, past the router. The arguments follow unchanged, and
 * {@code ~/.gemini/settings.json} is never written: a user who chose "Login with Google" there picks the API key
 * once with {@code /auth}.
 *
 * @param command     the executable ({@code GEMINI_PATH} from the config, then the environment, then {@code gemini}),
 *                    then the user's arguments
 * @param environment variables to set on top of the caller's environment
 */
public record GeminiLaunch(List<String> command, Map<String, String> environment) implements ClientLaunch {
    /** The variables that would take Gemini CLI to another Google back end. */
    static final Set<String> UNSET = Set.of("GOOGLE_GENAI_USE_VERTEXAI", "GOOGLE_GENAI_USE_GCA");
    /** The variable naming Gemini CLI's system defaults file, the lowest layer of its settings. */
    public static final String SYSTEM_DEFAULTS_VARIABLE = "GEMINI_CLI_SYSTEM_DEFAULTS_PATH";
    /** What ccr's system defaults file says: sign in with a Gemini API key, the router's. */
    static final String SYSTEM_DEFAULTS = "{\"security\": {\"auth\": {\"selectedType\": \"gemini-api-key\"}}}\n";

    public GeminiLaunch {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
    }

    /**
     * The launch for a router on {@code port} with resolved config {@code config}, from environment {@code env}, with
     * ccr's system defaults for Gemini CLI in {@code systemDefaults} (written by {@link #writeSystemDefaults}).
     */
    public static GeminiLaunch of(JsonNode config, Map<String, String> env, int port, List<String> args,
                                  Path systemDefaults) {
        List<String> command = new ArrayList<>(Executable.resolve(config, env, "GEMINI_PATH", "gemini"));
        command.addAll(args);
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("GOOGLE_GEMINI_BASE_URL", ClientLaunch.baseUrl(port));
        environment.put("GEMINI_API_KEY", ClientLaunch.routerKey(config));
        environment.put("GEMINI_DEFAULT_AUTH_TYPE", "gemini-api-key");
        environment.put(SYSTEM_DEFAULTS_VARIABLE, systemDefaults.toAbsolutePath().toString());
        environment.put("NO_PROXY", ClientLaunch.noProxy(env.get("NO_PROXY")));
        return new GeminiLaunch(command, environment);
    }

    /** Writes ccr's system defaults for Gemini CLI to {@code file}, readable by its owner only. */
    public static void writeSystemDefaults(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path partial = Files.createTempFile(file.toAbsolutePath().getParent(), "gemini-defaults", ".tmp");
        try {
            Files.writeString(partial, SYSTEM_DEFAULTS);
            if (Files.getFileAttributeView(partial, PosixFileAttributeView.class) != null) {
                Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    @Override
    public String client() {
        return "Gemini CLI";
    }

    @Override
    public Set<String> unset() {
        return UNSET;
    }

    @Override
    public String installHint() {
        return "Make sure Gemini CLI is installed: npm install -g @google/gemini-cli\n"
                + "(or set GEMINI_PATH in the config or the environment to its path)";
    }
}
