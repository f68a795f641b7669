package dev.ccr.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.client.ApiError;
import dev.ccr.config.ConfigException;
import dev.ccr.config.ConfigProblem;
import dev.ccr.config.ConfigStore;
import dev.ccr.config.Json5;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Deque;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The config API. {@code GET /api/config} returns the file as written, with {@code $VAR} placeholders unexpanded so
 * secrets from the environment never leave the process (CCR returns them expanded, pitfall P-8), and with the secrets
 * written in the file masked unless {@code ?reveal=true} asks for them on purpose. {@code POST /api/config} takes JSON5, puts the
 * masked secrets back, checks the new document, backs up the old file, saves, and applies it at once (CCR applies it at the next start). {@code POST /api/config/validate} checks without saving and answers the document as it would be saved (masked); {@code GET /api/config/backups} lists the
 * backups that saving keeps, {@code GET /api/config/backups/{name}} shows one (masked) and
 * {@code POST /api/config/backups/{name}/restore} puts it back.
 */
final class ConfigEndpoint {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConfigStore store;
    private final ConfigReload reload;
    private final long bodyLimit;

    /** @param reload applies a saved or restored file to the running router */
    ConfigEndpoint(ConfigStore store, ConfigReload reload, long bodyLimit) {
        this.store = store;
        this.reload = reload;
        this.bodyLimit = bodyLimit;
    }

    HttpHandler read() {
        return exchange -> {
            JsonNode document = saved();
            boolean reveal = "true".equals(query(exchange, "reveal"));
            Responses.json(exchange, 200, reveal ? document : SecretMask.mask(document));
        };
    }

    HttpHandler save() {
        return exchange -> {
            JsonNode document = edited(exchange);
            try {
                store.save(document);
            } catch (ConfigException e) {
                throw refused("Config not saved", e);
            }
            ObjectNode answer = JSON.createObjectNode().put("success", true).put("message", "Config saved successfully");
            restartNeeded(answer, applySaved("Config saved"));
            Responses.json(exchange, 200, answer);
        };
    }

    HttpHandler validate() {
        return exchange -> {
            JsonNode document = edited(exchange);
            try {
                store.validate(document);
            } catch (ConfigException e) {
                throw refused("Config not valid", e);
            }
            ObjectNode answer = JSON.createObjectNode().put("success", true).put("message", "Config is valid");
            answer.set("document", SecretMask.mask(document));
            Responses.json(exchange, 200, answer);
        };
    }

    HttpHandler backups() {
        return exchange -> {
            ArrayNode list = JSON.createArrayNode();
            for (Path backup : store.backups()) {
                list.addObject().put("name", backup.getFileName().toString())
                        .put("size", Files.size(backup))
                        .put("lastModified", Files.getLastModifiedTime(backup).toInstant().toString());
            }
            Responses.json(exchange, 200, list);
        };
    }

    HttpHandler backup() {
        return exchange -> {
            String text = Files.readString(namedBackup(exchange), StandardCharsets.UTF_8);
            try {
                Responses.json(exchange, 200, SecretMask.mask(Json5.parse(text)));
            } catch (IOException e) {
                throw ApiError.invalidRequest("The backup does not parse: " + e.getMessage()).exception();
            }
        };
    }

    HttpHandler restore() {
        return exchange -> {
            String name = namedBackup(exchange).getFileName().toString();
            try {
                store.restore(name);
            } catch (ConfigException e) {
                throw refused("Backup not restored", e);
            }
            ObjectNode answer = JSON.createObjectNode().put("success", true).put("message", "Restored " + name);
            restartNeeded(answer, applySaved("Restored " + name));
            Responses.json(exchange, 200, answer);
        };
    }

    /**
     * Applies what was saved; returns the changed settings that wait for a restart. A saved file was validated first,
     * so this refuses only what changed on disk in between.
     */
    private List<String> applySaved(String what) {
        try {
            return reload.apply();
        } catch (ConfigException e) {
            throw refused(what + " but not applied", e);
        }
    }

    /** Names, when there are any, the changed settings that apply only at the next start. */
    private static void restartNeeded(ObjectNode answer, List<String> settings) {
        if (!settings.isEmpty()) {
            settings.forEach(answer.putArray("restartNeeded")::add);
        }
    }

    private Path namedBackup(HttpServerExchange exchange) throws IOException {
        try {
            return store.backup(query(exchange, "name"));
        } catch (ConfigException e) {
            throw ApiError.notFound(e.getMessage(), null).exception();
        }
    }

    /** The posted document, with the secrets the UI saw masked put back from the saved file. */
    private JsonNode edited(HttpServerExchange exchange) throws IOException {
        JsonNode document;
        try {
            document = Json5.parse(new String(Bodies.read(exchange, bodyLimit), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw ApiError.invalidRequest("The config is not valid JSON5: " + e.getMessage()).exception();
        }
        if (document == null || !document.isObject()) {
            throw ApiError.invalidRequest("The config must be a JSON object").exception();
        }
        SecretMask.unmask(document, Files.exists(store.file()) ? saved() : null, "");
        return document;
    }

    private JsonNode saved() {
        String text;
        try {
            text = Files.readString(store.file());
        } catch (IOException e) {
            throw ApiError.internal("Cannot read the config file: " + e.getMessage()).exception();
        }
        try {
            return Json5.parse(text);
        } catch (IOException e) {
            throw ApiError.internal("The config file does not parse: " + e.getMessage()).exception();
        }
    }

    private static RuntimeException refused(String what, ConfigException e) {
        String problems = e.problems().stream().map(ConfigProblem::toString).collect(Collectors.joining("; "));
        return ApiError.invalidRequest(what + ": " + e.getMessage() + (problems.isEmpty() ? "" : ": " + problems)).exception();
    }

    private static String query(HttpServerExchange exchange, String name) {
        Deque<String> values = exchange.getQueryParameters().get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }
}
