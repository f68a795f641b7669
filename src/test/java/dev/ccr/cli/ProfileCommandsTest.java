package dev.ccr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccr.daemon.HealthProbe;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ProfileCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String config(int port) {
        return """
                {
                  // the user's own config
                  "PORT": %d,
                  "APIKEY": "client-secret-1",
                  "Providers": [{"name": "deepseek", "api_base_url": "https://api.deepseek.com/chat/completions",
                                 "api_key": "sk-deepseek-secret", "models": ["deepseek-chat"]}],
                  "Router": {"default": "deepseek,deepseek-chat"}
                }""".formatted(port);
    }

    private static JsonNode read(Path file) throws Exception {
        return JSON.readTree(Files.readString(file));
    }

    /* --------------- list and create --------------- */

    @Test
    void withNoProfilesListShowsDefaultAsTheActiveOne() {
        int port = CliTestHome.freePort();
        try (CliTestHome home = CliTestHome.create().config(config(port))) {
            CliTestHome.Result list = home.run("profile", "list");

            assertThat(list.code()).as(list.toString()).isZero();
            assertThat(list.out()).containsPattern("\\* default\\s+port " + port + "\\s+not running")
                    .contains("Active: default");
        }
    }

    @Test
    void createCopiesTheActiveConfigOntoAPortNoOtherProfileHas() throws Exception {
        int port = CliTestHome.freePort();
        try (CliTestHome home = CliTestHome.create().config(config(port))) {
            CliTestHome.Result create = home.run("profile", "create", "work");

            assertThat(create.code()).as(create.toString()).isZero();
            assertThat(create.out()).contains("Profile 'work' created from a copy of profile 'default'");
            JsonNode copy = read(home.profile("work").resolve("config.json"));
            assertThat(copy.path("Providers").get(0).path("api_key").asText()).isEqualTo("sk-deepseek-secret");
            assertThat(copy.path("Router").path("default").asText()).isEqualTo("deepseek,deepseek-chat");
            int workPort = copy.path("PORT").asInt();
            assertThat(workPort).isGreaterThan(port);
            assertThat(create.out()).contains("on port " + workPort);
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(home.profile("work").resolve("config.json"))))
                    .as("the copy holds API keys").isEqualTo("rw-------");

            // the next profile gets yet another port, and list shows them all with the active one marked
            assertThat(home.run("profile", "new", "play").code()).isZero();
            int playPort = read(home.profile("play").resolve("config.json")).path("PORT").asInt();
            assertThat(playPort).isNotIn(port, workPort);
            assertThat(home.run("profile", "ls").out())
                    .containsPattern("\\* default\\s+port " + port)
                    .containsPattern("\\n  play\\s+port " + playPort)
                    .containsPattern("\\n  work\\s+port " + workPort);
        }
    }

    @Test
    void createWithEmptyStartsFromTheMinimalConfigOnThePortGiven() throws Exception {
        int port = CliTestHome.freePort();
        int other = CliTestHome.freePort();
        try (CliTestHome home = CliTestHome.create().config(config(port))) {
            CliTestHome.Result create = home.run("profile", "create", "scratch", "--empty", "--port", String.valueOf(other));

            assertThat(create.code()).as(create.toString()).isZero();
            assertThat(create.out()).contains("from CCR's minimal config, on port " + other);
            assertThat(read(home.profile("scratch").resolve("config.json")).toString())
                    .isEqualTo("{\"Providers\":[],\"Router\":{},\"PORT\":" + other + "}");

            // with --profile, the copy is of that profile's config
            CliTestHome.Result clone = home.run("--profile", "scratch", "profile", "create", "clone");
            assertThat(clone.out()).contains("created from a copy of profile 'scratch'");
            assertThat(read(home.profile("clone").resolve("config.json")).path("Providers")).isEmpty();
        }
    }

    @Test
    void createRefusesBadNamesTakenNamesAndAnotherProfilesPort() {
        int port = CliTestHome.freePort();
        try (CliTestHome home = CliTestHome.create().config(config(port))) {
            assertThat(home.run("profile", "create", "../escape").err()).contains("Invalid profile name '../escape'");
            assertThat(home.run("profile", "create", "x".repeat(65)).err()).contains("Invalid profile name");
            assertThat(home.run("profile", "create", "default").err()).contains("Profile 'default' already exists.");
            assertThat(home.run("profile", "create", "work").code()).isZero();
            CliTestHome.Result again = home.run("profile", "create", "work");
            assertThat(again.code()).isEqualTo(1);
            assertThat(again.err()).contains("Profile 'work' already exists.");
            CliTestHome.Result clash = home.run("profile", "create", "other", "--port", String.valueOf(port));
            assertThat(clash.code()).isEqualTo(1);
            assertThat(clash.err()).contains("Port " + port + " is already profile 'default''s port");
            assertThat(home.profile("other")).doesNotExist();
        }
    }

    /* --------------- switch: every command follows --------------- */

    @Test
    void afterSwitchTheCommandsReadTheProfilesConfigAndPresets() throws Exception {
        int port = CliTestHome.freePort();
        int workPort = CliTestHome.freePort();
        try (CliTestHome home = CliTestHome.create().config(config(port))) {
            home.run("profile", "create", "work", "--empty", "--port", String.valueOf(workPort));

            CliTestHome.Result switched = home.run("profile", "switch", "work");

            assertThat(switched.code()).as(switched.toString()).isZero();
            assertThat(switched.out()).contains("Switched to profile 'work' (port " + workPort + ", not running)",
                    "Start it: ccr start --daemon");
            assertThat(Files.readString(home.dir().resolve("profiles").resolve("active-profile")).trim()).isEqualTo("work");
            assertThat(home.run("status").out()).contains("Config: " + home.profile("work").resolve("config.json"));
            assertThat(home.run("activate").out()).contains("ANTHROPIC_BASE_URL=\"http://127.0.0.1:" + workPort + "\"");
            assertThat(home.run("profile", "show").out()).startsWith("Profile: work (active)");

            // a preset installed now belongs to the work profile
            Path source = Files.createDirectories(home.dir().resolve("src").resolve("tiny"));
            Files.writeString(source.resolve("manifest.json"), "{\"name\": \"tiny\", \"Router\": {}}");
            assertThat(home.run("preset", "install", source.toString()).code()).isZero();
            assertThat(home.profile("work").resolve("presets").resolve("tiny").resolve("manifest.json")).exists();
            assertThat(home.presets()).doesNotExist();

            // --profile runs one command elsewhere without switching
            assertThat(home.run("--profile", "default", "activate").out()).contains("127.0.0.1:" + port + "\"");
            assertThat(home.run("--profile=default", "preset", "list").out()).doesNotContain("tiny");
            assertThat(home.run("profile", "list").out()).contains("Active: work");

            assertThat(home.run("profile", "use", "default").code()).isZero();
            assertThat(home.run("activate").out()).contains("127.0.0.1:" + port + "\"");
        }
    }

    @Test
    void unknownProfilesAreRefusedAndAnActiveProfileDeletedByHandFallsBackToDefault() throws Exception {
        try (CliTestHome home = CliTestHome.create().config(config(CliTestHome.freePort()))) {
            CliTestHome.Result unknownSwitch = home.run("profile", "switch", "ghost");
            assertThat(unknownSwitch.code()).isEqualTo(1);
            assertThat(unknownSwitch.err()).contains("No profile named 'ghost'. See them with: ccr profile list");

            CliTestHome.Result unknownOption = home.run("--profile", "ghost", "status");
            assertThat(unknownOption.code()).isEqualTo(1);
            assertThat(unknownOption.err()).contains("No profile named 'ghost'");

            Files.createDirectories(home.dir().resolve("profiles"));
            Files.writeString(home.dir().resolve("profiles").resolve("active-profile"), "ghost\n");
            assertThat(home.run("profile", "list").out()).contains("Active: default");
            assertThat(home.run("status").out()).contains("Config: " + home.configFile());
        }
    }

    /* --------------- delete --------------- */

    @Test
    void deleteRefusesDefaultTheActiveProfileAndARunningOne() throws Exception {
        int workPort = CliTestHome.freePort();
        try (CliTestHome home = CliTestHome.create().config(config(CliTestHome.freePort()))) {
            home.run("profile", "create", "work", "--empty", "--port", String.valueOf(workPort));
            home.run("profile", "create", "play", "--empty", "--port", String.valueOf(CliTestHome.freePort()));

            CliTestHome.Result deleteDefault = home.run("profile", "delete", "default");
            assertThat(deleteDefault.code()).isEqualTo(1);
            assertThat(deleteDefault.err()).contains("The 'default' profile is ccr's own config and cannot be deleted.");

            home.run("profile", "switch", "play");
            CliTestHome.Result deleteActive = home.run("profile", "rm", "play");
            assertThat(deleteActive.code()).isEqualTo(1);
            assertThat(deleteActive.err()).contains("Profile 'play' is active and cannot be deleted", "ccr profile switch default");

            var router = home.startForeground(workPort, "--profile", "work", "start");
            CliTestHome.Result deleteRunning = home.run("profile", "delete", "work");
            assertThat(deleteRunning.code()).isEqualTo(1);
            assertThat(deleteRunning.err()).contains("Profile 'work' has a router running (PID " + ProcessHandle.current().pid()
                    + "). Stop it first: ccr --profile work stop");
            assertThat(home.profile("work").resolve("config.json")).exists();

            home.stopForeground();
            assertThat(router.get(20, TimeUnit.SECONDS).code()).as("the router ended and removed its PID file").isZero();
            CliTestHome.Result deleted = home.run("profile", "delete", "work");
            assertThat(deleted.code()).as(deleted.toString()).isZero();
            assertThat(deleted.out()).contains("Profile 'work' deleted.");
            assertThat(home.profile("work")).doesNotExist();
        }
    }

    /* --------------- show --------------- */

    @Test
    void showPrintsWhereTheProfileLivesAndItsConfigWithSecretsHidden() {
        int port = CliTestHome.freePort();
        try (CliTestHome home = CliTestHome.create().config(config(port))) {
            CliTestHome.Result show = home.run("profile", "show", "default");

            assertThat(show.code()).as(show.toString()).isZero();
            assertThat(show.out()).contains("Profile: default (active)", "Port: " + port, "Router: not running",
                    "PID file: " + home.pidFile(), "Config: " + home.configFile(),
                    "\"api_key\": \"<hidden>\"", "\"APIKEY\": \"<hidden>\"", "\"default\": \"deepseek,deepseek-chat\"");
            assertThat(show.out()).doesNotContain("sk-deepseek-secret", "client-secret-1");
        }
    }

    @Test
    void editPrintsTheConfigFileAndProfileAloneListsItsCommands() {
        try (CliTestHome home = CliTestHome.create().config(config(CliTestHome.freePort()))) {
            home.run("profile", "create", "work", "--empty", "--port", String.valueOf(CliTestHome.freePort()));

            assertThat(home.run("profile", "edit").out().trim()).isEqualTo(home.configFile().toString());
            assertThat(home.run("profile", "edit", "work").out().trim())
                    .isEqualTo(home.profile("work").resolve("config.json").toString());

            CliTestHome.Result alone = home.run("profile");
            assertThat(alone.code()).isEqualTo(1);
            assertThat(alone.err()).contains("list", "create", "switch", "delete", "show", "edit");
            assertThat(home.run("--help").out()).contains("profile", "install", "--profile=NAME");
        }
    }

    /* --------------- the daemon follows the active profile --------------- */

    @Test
    void theActiveProfilesRouterRunsOnItsOwnPortWithItsOwnPidFile() throws Exception {
        int port = CliTestHome.freePort();
        int workPort = CliTestHome.freePort();
        try (CliTestHome home = CliTestHome.create().config("{\"PORT\":%d,\"Providers\":[],\"Router\":{}}".formatted(port))) {
            home.run("profile", "create", "work", "--port", String.valueOf(workPort));
            home.run("profile", "switch", "work");
            Path workPid = home.profile("work").resolve(".claude-code-router.pid");

            CliTestHome.Result start = home.run("start", "--daemon");

            assertThat(start.code()).as(start.toString()).isZero();
            assertThat(start.out()).contains("at http://127.0.0.1:" + workPort);
            assertThat(workPid).exists();
            assertThat(home.pidFile()).doesNotExist();
            assertThat(HealthProbe.healthy(workPort)).isTrue();
            assertThat(HealthProbe.healthy(port)).isFalse();
            assertThat(home.run("status").out()).contains("🌐 Port: " + workPort, "📄 PID File: " + workPid,
                    "Config: " + home.profile("work").resolve("config.json"));
            assertThat(home.run("--profile", "default", "status").out()).contains("❌ Status: Not Running");
            assertThat(home.run("profile", "list").out()).containsPattern("\\* work\\s+port " + workPort
                    + "\\s+running \\(PID " + Files.readString(workPid).trim() + "\\)");

            // stop follows the active profile; --all stops every profile's router
            home.run("profile", "switch", "default");
            assertThat(home.run("stop").out()).contains(StopCommand.NOT_RUNNING);
            assertThat(HealthProbe.healthy(workPort)).isTrue();
            CliTestHome.Result stop = home.run("stop", "--all");
            assertThat(stop.out()).contains(StopCommand.STOPPED);
            assertThat(workPid).doesNotExist();
            assertThat(HealthProbe.healthy(workPort)).isFalse();
        }
    }
}
