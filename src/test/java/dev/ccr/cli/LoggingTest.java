package dev.ccr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccr.config.CcrHome;
import dev.ccr.config.ConfigParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The log file is JSON lines with pino's field names (CCR's files are pino JSON, and tools read them so). */
class LoggingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void eachLogLineIsOneJsonObjectWithLevelTimeMsgLoggerThreadAndRequestId() throws Exception {
        CcrHome home = new CcrHome(dir);
        Files.createDirectories(home.logs());
        var config = ConfigParser.parse(JSON.readTree("{\"LOG\":true,\"Providers\":[]}"), Map.of());
        try (Logging.Undo undo = Logging.configure(config, home)) {
            MDC.put("reqId", "r42");
            try {
                LoggerFactory.getLogger("dev.ccr.test").warn("answered {} with \"quotes\"\nand a newline", 429);
            } finally {
                MDC.remove("reqId");
            }
        }

        Path file;
        try (Stream<Path> files = Files.list(home.logs())) {
            file = files.filter(p -> p.getFileName().toString().matches("ccr-\\d{14}\\.log")).findFirst().orElseThrow();
        }
        List<String> lines = Files.readAllLines(file);
        JsonNode line = JSON.readTree(lines.stream().filter(l -> l.contains("dev.ccr.test")).findFirst().orElseThrow());
        assertThat(line.path("level").asText()).isEqualTo("WARN");
        assertThat(line.path("time").isIntegralNumber()).isTrue();
        assertThat(line.path("msg").asText()).isEqualTo("answered 429 with \"quotes\"\nand a newline");
        assertThat(line.path("logger").asText()).isEqualTo("dev.ccr.test");
        assertThat(line.path("thread").asText()).isNotEmpty();
        assertThat(line.path("reqId").asText()).isEqualTo("r42");
        assertThat(line.has("@version")).isFalse();
        assertThat(lines).allSatisfy(l -> assertThat(JSON.readTree(l).isObject()).isTrue());
    }
}
