package dev.ccr.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigStoreTest {
    @TempDir
    Path dir;

    /** A clock the test moves forward, so backups get distinct, ordered names without sleeping. */
    private static final class SteppingClock extends Clock {
        private Instant now = Instant.parse("2026-01-04T07:23:05.100Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            Instant t = now;
            now = now.plusSeconds(1);
            return t;
        }
    }

    @Test
    @Tag("ccr-11.48")
    void aMissingFileIsCreatedWithCcrsMinimalDefault() throws Exception {
        Path file = dir.resolve("home/config.json");
        List<String> notices = new ArrayList<>();
        Config config = new ConfigStore(file, Map.of(), Clock.systemUTC()).load(notices::add);

        assertThat(Json5.parse(Files.readString(file))).isEqualTo(Json5.parse("{\"PORT\":3456,\"Providers\":[],\"Router\":{}}"));
        assertThat(notices).containsExactly(
                "Created minimal default configuration file at " + file,
                "Please edit this file with your actual configuration.");
        assertThat(Files.isDirectory(dir.resolve("home/plugins"))).isTrue();
        assertThat(Files.isDirectory(dir.resolve("home/logs"))).isTrue();
        assertThat(config.port()).isEqualTo(3456);
    }

    @Test
    @Tag("ccr-11.49")
    void aSyntaxErrorNamesTheFileAndTheProblem() throws Exception {
        Path file = dir.resolve("config.json");
        Files.writeString(file, "{ \"PORT\": 3456,, }");
        assertThatThrownBy(() -> new ConfigStore(file, Map.of(), Clock.systemUTC()).load(s -> { }))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Failed to parse config file at " + file)
                .hasMessageContaining("Error details:")
                .hasMessageContaining("Please check your config file syntax.");
    }

    @Test
    @Tag("ccr-11.50")
    void savingBacksUpThePreviousFileAndKeepsTheThreeNewestBackups() throws Exception {
        Path file = dir.resolve("config.json");
        Files.writeString(file, "{\"PORT\": 1}");
        ConfigStore store = new ConfigStore(file, Map.of(), new SteppingClock());
        for (int port = 2; port <= 6; port++) {
            store.save((ObjectNode) Json5.parse("{\"PORT\": " + port + "}"));
        }
        assertThat(Json5.parse(Files.readString(file)).get("PORT").asInt()).isEqualTo(6);
        List<Path> backups = store.backups();
        assertThat(backups).hasSize(3);
        assertThat(backups.getFirst().getFileName().toString()).isEqualTo("config.json.2026-01-04T07-23-09-100Z.bak");
        assertThat(backups).extracting(p -> Json5.parse(Files.readString(p)).get("PORT").asInt()).containsExactly(5, 4, 3);
    }

    @Test
    void unknownKeysAndPlaceholdersSurviveALoadSaveRoundTrip() throws Exception {
        Path file = dir.resolve("config.json");
        Files.writeString(file, """
                { // comment
                  APIKEY: "$MY_KEY", futureFeature: {nested: [1, 2]}, Providers: [], }""");
        ConfigStore store = new ConfigStore(file, Map.of("MY_KEY", "secret"), Clock.systemUTC());
        Config config = store.load(s -> { });
        store.save(config.document());

        String saved = Files.readString(file);
        assertThat(saved).contains("\"futureFeature\"").contains("\"$MY_KEY\"").doesNotContain("secret");
        assertThat(Json5.parse(saved).path("futureFeature").path("nested").get(1).asInt()).isEqualTo(2);
    }

    @Test
    void anInvalidDocumentIsNotSaved() throws Exception {
        Path file = dir.resolve("config.json");
        Files.writeString(file, "{\"PORT\": 1}");
        ConfigStore store = new ConfigStore(file, Map.of(), Clock.systemUTC());
        assertThatThrownBy(() -> store.save(Json5.parse("{\"PORT\": \"x\"}"))).isInstanceOf(ConfigException.class);
        assertThat(Files.readString(file)).isEqualTo("{\"PORT\": 1}");
        assertThat(store.backups()).isEmpty();
    }
}
