package dev.ccr.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccr.config.ConfigException;
import dev.ccr.config.ConfigProblem;
import dev.ccr.config.ConfigStore;
import dev.ccr.config.Json5;
import dev.ccr.pipeline.ApiError;
import io.undertow.server.HttpHandler;

import java.io.IOException;
import java.util.stream.Collectors;

/**
 * {@code GET /api/config} returns the file as written, with {@code $VAR} placeholders unexpanded so secrets from the
 * environment never leave the process (CCR returns them expanded, pitfall P-8). {@code POST /api/config} checks the
 * new document, backs up the old file and saves; it takes effect at the next start, as in CCR.
 */
final class ConfigEndpoint {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConfigStore store;
    private final long bodyLimit;

    ConfigEndpoint(ConfigStore store, long bodyLimit) {
        this.store = store;
        this.bodyLimit = bodyLimit;
    }

    HttpHandler read() {
        return exchange -> {
            String text;
            try {
                text = java.nio.file.Files.readString(store.file());
            } catch (IOException e) {
                throw ApiError.internal("Cannot read the config file: " + e.getMessage()).exception();
            }
            JsonNode document;
            try {
                document = Json5.parse(text);
            } catch (IOException e) {
                throw ApiError.internal("The config file does not parse: " + e.getMessage()).exception();
            }
            Responses.json(exchange, 200, document);
        };
    }

    HttpHandler save() {
        return exchange -> {
            JsonNode document;
            try {
                document = JSON.readTree(Bodies.read(exchange, bodyLimit));
            } catch (IOException e) {
                throw ApiError.invalidRequest("The config is not valid JSON: " + e.getMessage()).exception();
            }
            if (document == null || !document.isObject()) {
                throw ApiError.invalidRequest("The config must be a JSON object").exception();
            }
            try {
                store.save(document);
            } catch (ConfigException e) {
                String problems = e.problems().stream().map(ConfigProblem::toString).collect(Collectors.joining("; "));
                throw ApiError.invalidRequest("Config not saved: " + e.getMessage() + (problems.isEmpty() ? "" : ": " + problems)).exception();
            }
            Responses.json(exchange, 200, JSON.createObjectNode().put("success", true).put("message", "Config saved successfully"));
        };
    }
}
