package dev.ccr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccr.config.Json5;
import dev.ccr.transform.builtin.Builtins;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ModelCommandTest {
    private static final String CONFIG = """
            {
              // JSON5: CCR's picker fails on this file (P-23)
              Providers: [
                {name: 'deepseek', api_base_url: 'https://api.deepseek.com/chat/completions', api_key: '$DEEPSEEK_API_KEY',
                 models: ['deepseek-chat', 'deepseek-reasoner'],},
              ],
              Router: {default: 'deepseek,deepseek-chat'},
            }""";

    /* --------------- Flags --------------- */

    @Test
    void flagsSetRoutesAddModelsAndProvidersAndBackUpTheFile() throws Exception {
        try (CliTestHome home = CliTestHome.create().config(CONFIG)) {
            CliTestHome.Result result = home.run("model",
                    "--add-provider", "openrouter", "--url", "https://openrouter.ai/api/v1/chat/completions",
                    "--api-key", "$OPENROUTER_API_KEY", "--models", "moonshotai/kimi-k2,z-ai/glm-4.6",
                    "--transformer", "openrouter", "--transformer", "maxtoken:{\"max_tokens\":30000}",
                    "--add-model", "deepseek,deepseek-v4",
                    "--route", "think=deepseek,deepseek-reasoner", "--route", "longContext=openrouter,moonshotai/kimi-k2");

            assertThat(result.code()).as(result.toString()).isZero();
            JsonNode config = Json5.parse(Files.readString(home.configFile()));
            assertThat(config.at("/Router/think").asText()).isEqualTo("deepseek,deepseek-reasoner");
            assertThat(config.at("/Router/longContext").asText()).isEqualTo("openrouter,moonshotai/kimi-k2");
            assertThat(config.at("/Providers/0/api_key").asText()).as("placeholders stay placeholders").isEqualTo("$DEEPSEEK_API_KEY");
            assertThat(config.at("/Providers/0/models").toString()).isEqualTo("[\"deepseek-chat\",\"deepseek-reasoner\",\"deepseek-v4\"]");
            assertThat(config.at("/Providers/1/transformer").toString())
                    .isEqualTo("{\"use\":[\"openrouter\",[\"maxtoken\",{\"max_tokens\":30000}]]}");
            assertThat(config.at("/Providers/1/api_key").asText()).isEqualTo("$OPENROUTER_API_KEY");
            assertThat(backups(home)).as("every save backs up the previous file").isNotEmpty();
            assertThat(result.out()).contains("Think Model:", "deepseek,deepseek-reasoner", "openrouter: moonshotai/kimi-k2, z-ai/glm-4.6");
        }
    }

    @Test
    void unknownSlotsProvidersAndModelsAreRefusedWithTheFix() {
        try (CliTestHome home = CliTestHome.create().config(CONFIG)) {
            assertThat(home.run("model", "--route", "fast=deepseek,deepseek-chat").err()).contains("Unknown router slot 'fast'");
            assertThat(home.run("model", "--route", "think=nobody,x").err()).contains("No provider named \"nobody\"");
            assertThat(home.run("model", "--route", "think=deepseek,v9").err()).contains("ccr model --add-model deepseek,v9");
            assertThat(home.run("model", "--route", "think=deepseek").err()).contains("provider,model");
            assertThat(home.run("model", "--add-model", "deepseek,deepseek-chat").err()).contains("already exists");
        }
    }

    @Test
    void listPrintsRoutesAndModels() {
        try (CliTestHome home = CliTestHome.create().config(CONFIG)) {
            CliTestHome.Result result = home.run("model", "--list");
            assertThat(result.code()).isZero();
            assertThat(result.out()).contains("Default Model:       deepseek,deepseek-chat", "Think Model:         Not configured",
                    "deepseek: deepseek-chat, deepseek-reasoner");
        }
    }

    @Test
    void withoutATerminalItShowsTheConfigAndPointsToTheFlags() {
        try (CliTestHome home = CliTestHome.create().config(CONFIG)) {
            CliTestHome.Result result = home.run("model");
            assertThat(result.code()).isEqualTo(3);
            assertThat(result.err()).contains("--route");
        }
    }

    /* --------------- Interactive --------------- */

    @Test
    void interactivePickerSetsASlot() throws Exception {
        try (CliTestHome home = CliTestHome.create().config(CONFIG)) {
            // 3 = Think Model, 2 = deepseek,deepseek-reasoner, then 9 = Done
            CliTestHome.Result result = home.answering("3\n2\n9\n", "model");

            assertThat(result.code()).as(result.toString()).isZero();
            assertThat(result.out()).contains("✓ think model updated to: deepseek,deepseek-reasoner");
            assertThat(Json5.parse(Files.readString(home.configFile())).at("/Router/think").asText()).isEqualTo("deepseek,deepseek-reasoner");
        }
    }

    @Test
    void interactivePickerAddsAProviderWithTransformersAndRoutesToIt() throws Exception {
        try (CliTestHome home = CliTestHome.create().config(CONFIG)) {
            String answers = String.join("\n",
                    "8",                                    // + Add New Provider
                    "ollama",                               // name
                    "not a url",                            // refused
                    "http://localhost:11434/v1/chat/completions",
                    "",                                     // no key
                    "qwen3, llama3",                        // models
                    "y",                                    // transformers?
                    String.valueOf(ModelCommand.transformers().indexOf("maxtoken") + 1),
                    "0",                                    // refused
                    "16000",
                    "y",                                    // another
                    String.valueOf(ModelCommand.transformers().size() + 1), // other (type a name)
                    "reasoning",
                    "{\"enable\":true}",
                    "n",                                    // no more
                    "y",                                    // set in router?
                    "2",                                    // llama3
                    "2",                                    // Background Model
                    "9",                                    // Done
                    "");
            CliTestHome.Result result = home.answering(answers, "model");

            assertThat(result.code()).as(result.toString()).isZero();
            assertThat(result.out()).contains("Please enter a valid URL", "Please enter a valid positive number",
                    "✓ Provider \"ollama\" added successfully", "✓ background set to ollama,llama3");
            JsonNode config = Json5.parse(Files.readString(home.configFile()));
            assertThat(config.at("/Providers/1").toString()).isEqualTo("{\"name\":\"ollama\",\"api_base_url\":\"http://localhost:11434/v1/chat/completions\","
                    + "\"api_key\":\"\",\"models\":[\"qwen3\",\"llama3\"],"
                    + "\"transformer\":{\"use\":[[\"maxtoken\",{\"max_tokens\":16000}],[\"reasoning\",{\"enable\":true}]]}}");
            assertThat(config.at("/Router/background").asText()).isEqualTo("ollama,llama3");
        }
    }

    @Test
    void inputThatEndsEarlyStopsWithExitCode3() {
        try (CliTestHome home = CliTestHome.create().config(CONFIG)) {
            CliTestHome.Result result = home.answering("3\n", "model");
            assertThat(result.code()).isEqualTo(3);
            assertThat(result.err()).contains("standard input ended");
        }
    }

    private static java.util.List<Path> backups(CliTestHome home) throws Exception {
        try (Stream<Path> files = Files.list(home.dir())) {
            return files.filter(p -> p.getFileName().toString().endsWith(".bak")).toList();
        }
    }

    @Test
    void thePickerOffersEveryBuiltInTransformerFirstThenCcrsPickerOnlyNames() {
        List<String> builtIn = Builtins.registry().names();

        assertThat(ModelCommand.transformers()).startsWith(builtIn.toArray(String[]::new))
                .contains("gemini-cli", "qwen-cli", "rovo-cli", "chutes-glm")
                .doesNotHaveDuplicates();
    }
}
