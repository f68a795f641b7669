package dev.ccr.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.ccr.client.ApiError;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The log files API of CCR's UI (docs/compatibility.md, HTTP surface): {@code GET /api/logs/files} lists the
 * {@code *.log} files of {@code ~/.claude-code-router/logs}, newest first; {@code GET /api/logs?file=} returns one
 * file's non-empty lines (the newest when none is named); {@code DELETE /api/logs?file=} empties it. Unlike CCR
 * (pitfall P-8), only files in the logs folder can be read or emptied.
 */
final class LogsEndpoint {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Optional<Path> logsDir;

    LogsEndpoint(Optional<Path> logsDir) {
        this.logsDir = logsDir.map(p -> p.toAbsolutePath().normalize());
    }

    HttpHandler files() {
        return exchange -> {
            ArrayNode list = JSON.createArrayNode();
            for (Path file : logFiles()) {
                list.addObject().put("name", file.getFileName().toString()).put("path", file.toString())
                        .put("size", Files.size(file)).put("lastModified", Files.getLastModifiedTime(file).toInstant().toString());
            }
            Responses.json(exchange, 200, list);
        };
    }

    HttpHandler read() {
        return exchange -> {
            ArrayNode lines = JSON.createArrayNode();
            Optional<Path> file = chosen(exchange);
            if (file.isPresent() && Files.isRegularFile(file.get())) {
                try (Stream<String> all = Files.lines(file.get(), StandardCharsets.UTF_8)) {
                    all.filter(line -> !line.isBlank()).forEach(lines::add);
                }
            }
            Responses.json(exchange, 200, lines);
        };
    }

    HttpHandler clear() {
        return exchange -> {
            Optional<Path> file = chosen(exchange);
            if (file.isPresent() && Files.isRegularFile(file.get())) {
                Files.write(file.get(), new byte[0], StandardOpenOption.TRUNCATE_EXISTING);
            }
            Responses.json(exchange, 200, JSON.createObjectNode().put("success", true).put("message", "Logs cleared successfully"));
        };
    }

    /** The file named by {@code ?file=}, which must lie in the logs folder; else the newest log. */
    private Optional<Path> chosen(HttpServerExchange exchange) throws IOException {
        Deque<String> named = exchange.getQueryParameters().get("file");
        if (named == null || named.isEmpty() || named.getFirst().isBlank()) {
            List<Path> files = logFiles();
            return files.isEmpty() ? Optional.empty() : Optional.of(files.getFirst());
        }
        Path file = Path.of(named.getFirst()).toAbsolutePath().normalize();
        if (logsDir.isEmpty() || !file.startsWith(logsDir.get()) || !file.getFileName().toString().endsWith(".log")) {
            throw ApiError.permission("Only .log files in the logs folder can be read or cleared").exception();
        }
        return Optional.of(file);
    }

    private List<Path> logFiles() throws IOException {
        if (logsDir.isEmpty() || !Files.isDirectory(logsDir.get())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(logsDir.get())) {
            return files.filter(p -> p.getFileName().toString().endsWith(".log") && Files.isRegularFile(p))
                    .sorted(Comparator.comparing((Path p) -> {
                        try {
                            return Files.getLastModifiedTime(p);
                        } catch (IOException e) {
                            return FileTime.fromMillis(0);
                        }
                    }).reversed())
                    .toList();
        }
    }
}
