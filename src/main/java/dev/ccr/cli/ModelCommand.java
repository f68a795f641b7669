package dev.ccr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.config.Config;
import dev.ccr.config.ConfigStore;
import dev.ccr.transform.builtin.Builtins;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code ccr model}: picks the model of each router slot and adds models and providers (with transformers), either
 * by asking (CCR's picker, docs/cli.md) or from flags. Reads the config as JSON5 and saves through {@link ConfigStore},
 * so the previous file is backed up and the result is checked first; CCR parses strict JSON and writes without a
 * backup (pitfall P-23). The file is edited as written: {@code $VAR} placeholders stay placeholders.
 */
@Command(name = "model", description = {"Choose the model for each router slot; add models and providers.",
        "Without options it asks; with options it changes the config directly.", "",
        "Examples:", "  ccr model", "  ccr model --list",
        "  ccr model --route think=deepseek,deepseek-reasoner --route default=deepseek,deepseek-chat",
        "  ccr model --add-model deepseek,deepseek-v4",
        "  ccr model --add-provider openrouter --url https://openrouter.ai/api/v1/chat/completions \\",
        "            --api-key '$OPENROUTER_API_KEY' --models moonshotai/kimi-k2,z-ai/glm-4.6 --transformer openrouter"})
final class ModelCommand implements Callable<Integer> {
    /** The router slots, as CCR's picker offers them. */
    static final SequencedMap<String, String> SLOTS = ordered("default", "Default Model", "background", "Background Model",
            "think", "Think Model", "longContext", "Long Context Model", "webSearch", "Web Search Model", "image", "Image Model");

    /**
     * Names CCR's picker (modelSelector.ts) offers that ccr has no built-in for. They stay on offer because a JS plugin
     * listed in the config's {@code transformers} can provide them, and because the config this command writes may
     * also be run by CCR; without such a plugin ccr skips them with a warning ({@code pipeline/ProviderChains}).
     */
    private static final List<String> CCR_PICKER_ONLY = List.of("anthropic", "gemini-cli", "chutes-glm", "qwen-cli", "rovo-cli");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption configOption;

    @Option(names = "--list", description = "Print the routes and the models of every provider.")
    boolean list;

    @Option(names = "--route", paramLabel = "SLOT=PROVIDER,MODEL",
            description = "Set a router slot: default, background, think, longContext, webSearch, image (repeatable).")
    Map<String, String> routes = new LinkedHashMap<>();

    @Option(names = "--add-model", paramLabel = "PROVIDER,MODEL", description = "Add a model to a provider (repeatable).")
    List<String> addModels = new ArrayList<>();

    @ArgGroup(exclusive = false)
    NewProvider newProvider;

    /** {@code --add-provider} and its companions. */
    static final class NewProvider {
        @Option(names = "--add-provider", required = true, paramLabel = "NAME", description = "Add a provider.")
        String name;

        @Option(names = "--url", required = true, paramLabel = "URL", description = "Its full endpoint URL (api_base_url).")
        String url;

        @Option(names = "--api-key", paramLabel = "KEY", description = "Its API key; '$VAR' keeps it in the environment.")
        String apiKey = "";

        @Option(names = "--models", required = true, split = ",", paramLabel = "M1,M2", description = "Its models.")
        List<String> models = new ArrayList<>();

        @Option(names = "--transformer", paramLabel = "NAME[:JSON]",
                description = "A transformer for all its models, e.g. openrouter or maxtoken:{\"max_tokens\":30000} (repeatable).")
        List<String> transformers = new ArrayList<>();
    }

    private static SequencedMap<String, String> ordered(String... keysAndValues) {
        LinkedHashMap<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return Collections.unmodifiableSequencedMap(map);
    }

    ModelCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ConfigStore store = configOption.store(context);
        Config config = configOption.load(context, spec.commandLine().getErr());
        ObjectNode document = (ObjectNode) config.document();
        boolean flags = newProvider != null || !addModels.isEmpty() || !routes.isEmpty();
        if (flags) {
            if (newProvider != null) {
                ModelEdits.addProvider(document, newProvider.name, newProvider.url, newProvider.apiKey, newProvider.models,
                        ModelEdits.transformers(newProvider.transformers));
                out.println("✓ Provider \"" + newProvider.name + "\" added with " + newProvider.models.size() + " model(s)");
            }
            for (String spec : addModels) {
                String[] parts = ModelEdits.providerModel(spec);
                ModelEdits.addModel(document, parts[0], parts[1]);
                out.println("✓ Model \"" + parts[1] + "\" added to provider \"" + parts[0] + "\"");
            }
            routes.forEach((slot, target) -> {
                ModelEdits.setRoute(document, slot, target);
                out.println("✓ " + slot + " set to " + target);
            });
            save(store, document, out);
        }
        if (list || flags) {
            show(document, out, true);
            return ExitCodes.OK;
        }
        if (!context.interactive()) {
            show(document, out, true);
            throw new CliException("ccr model asks questions and needs a terminal; use --route, --add-model or --add-provider instead (see --help).",
                    ExitCodes.NO_ANSWER);
        }
        return interactive(store, document, out);
    }

    /* --------------- Interactive --------------- */

    private int interactive(ConfigStore store, ObjectNode document, PrintWriter out) throws Exception {
        Prompts prompts = new Prompts(context, out);
        while (true) {
            show(document, out, false);
            List<String> actions = new ArrayList<>(SLOTS.values());
            actions.add("+ Add New Model");
            actions.add("+ Add New Provider");
            actions.add("Done");
            int action = prompts.choose("Which model configuration do you want to update?", actions);
            if (action == actions.size() - 1) {
                return ExitCodes.OK;
            }
            if (action < SLOTS.size()) {
                String slot = List.copyOf(SLOTS.keySet()).get(action);
                List<String> choices = ModelEdits.allModels(document);
                if (choices.isEmpty()) {
                    out.println("No models yet: add a provider first.");
                    continue;
                }
                List<String> options = new ArrayList<>(choices);
                if (!slot.equals("default")) {
                    options.add("(not configured)");
                }
                int chosen = prompts.choose("Select a model for " + slot + ":", options);
                if (chosen == choices.size()) {
                    document.withObjectProperty("Router").remove(slot);
                    out.println("✓ " + slot + " cleared");
                } else {
                    ModelEdits.setRoute(document, slot, choices.get(chosen));
                    out.println("✓ " + slot + " model updated to: " + choices.get(chosen));
                }
                save(store, document, out);
            } else if (action == SLOTS.size()) {
                List<String> providers = ModelEdits.providerNames(document);
                if (providers.isEmpty()) {
                    out.println("No providers yet: add one first.");
                    continue;
                }
                String provider = providers.get(prompts.choose("Select provider for the new model:", providers));
                String model = prompts.required("Enter the model name:", m -> ModelEdits.models(document, provider).contains(m)
                        ? "Model already exists in provider" : null);
                ModelEdits.addModel(document, provider, model);
                if (prompts.confirm("Add model-specific transformer configuration?", false)) {
                    ObjectNode transformer = ModelEdits.providerNode(document, provider).withObjectProperty("transformer");
                    transformer.putObject(model).set("use", askTransformers(prompts));
                }
                save(store, document, out);
                out.println("✓ Model \"" + model + "\" added to provider \"" + provider + "\"");
                offerSlot(prompts, store, document, out, provider, List.of(model));
            } else {
                out.println("Adding New Provider");
                List<String> existing = ModelEdits.providerNames(document);
                String name = prompts.required("Provider name:", n -> existing.contains(n) ? "Provider already exists" : null);
                String url = prompts.required("API base URL (the full endpoint, e.g. https://api.deepseek.com/chat/completions):",
                        u -> u.matches("(?i)https?://\\S+|\\$\\S+") ? null : "Please enter a valid URL");
                String key = prompts.secret("API key (or $ENV_VAR to read it from the environment):");
                String models = prompts.required("Model names (comma-separated):", m -> null);
                List<String> modelList = new ArrayList<>();
                for (String m : models.split(",")) {
                    if (!m.isBlank()) {
                        modelList.add(m.trim());
                    }
                }
                ArrayNode use = prompts.confirm("Add transformer configuration?", false) ? askTransformers(prompts) : JSON.createArrayNode();
                ModelEdits.addProvider(document, name, url, key, modelList, use);
                save(store, document, out);
                out.println("✓ Provider \"" + name + "\" added successfully");
                offerSlot(prompts, store, document, out, name, modelList);
            }
        }
    }

    private void offerSlot(Prompts prompts, ConfigStore store, ObjectNode document, PrintWriter out, String provider,
                           List<String> models) throws Exception {
        if (models.isEmpty() || !prompts.confirm("Do you want to set one of these models in router configuration?", false)) {
            return;
        }
        String model = models.size() == 1 ? models.getFirst() : models.get(prompts.choose("Select which model to configure:", models));
        String slot = List.copyOf(SLOTS.keySet()).get(prompts.choose("Select configuration type:", List.copyOf(SLOTS.values())));
        ModelEdits.setRoute(document, slot, provider + "," + model);
        save(store, document, out);
        out.println("✓ " + slot + " set to " + provider + "," + model);
    }

    /** The picker's transformers: every built-in, in the registry's order, then {@link #CCR_PICKER_ONLY}. */
    static List<String> transformers() {
        List<String> builtIn = Builtins.registry().names();
        return Stream.concat(builtIn.stream(), CCR_PICKER_ONLY.stream()).distinct().toList();
    }

    private static ArrayNode askTransformers(Prompts prompts) {
        ArrayNode use = JSON.createArrayNode();
        List<String> transformers = transformers();
        do {
            List<String> choices = new ArrayList<>(transformers);
            choices.add("other (type a name)");
            int chosen = prompts.choose("Select a transformer:", choices);
            String name = chosen == transformers.size() ? prompts.required("Transformer name:", n -> null) : transformers.get(chosen);
            switch (name) {
                case "maxtoken" -> {
                    String max = prompts.required("Max tokens:", v -> v.matches("[1-9][0-9]*") ? null : "Please enter a valid positive number");
                    use.addArray().add("maxtoken").addObject().put("max_tokens", Integer.parseInt(max));
                }
                case "openrouter" -> {
                    if (prompts.confirm("Add provider routing options?", false)) {
                        String only = prompts.required("Provider (e.g., moonshotai/fp8):", v -> null);
                        ArrayNode entry = use.addArray().add("openrouter");
                        entry.addObject().putObject("provider").putArray("only").add(only);
                    } else {
                        use.add("openrouter");
                    }
                }
                default -> {
                    String options = prompts.text("Options as JSON (empty for none):", "");
                    if (options.isEmpty()) {
                        use.add(name);
                    } else {
                        use.addArray().add(name).add(ModelEdits.parseJson(options));
                    }
                }
            }
        } while (prompts.confirm("Add another transformer?", false));
        return use;
    }

    private static void save(ConfigStore store, ObjectNode document, PrintWriter out) throws Exception {
        store.save(document);
        out.println("✓ " + store.file() + " updated (previous version backed up)");
        out.flush();
    }

    /* --------------- Display --------------- */

    private static void show(ObjectNode document, PrintWriter out, boolean withModels) {
        out.println();
        out.println("Current Configuration");
        out.println("═".repeat(47));
        JsonNode router = document.path("Router");
        SLOTS.forEach((slot, label) -> {
            String value = router.path(slot).asText("");
            out.printf("%-20s %s%n", label + ":", value.isEmpty() ? "Not configured" : value);
        });
        if (withModels) {
            out.println();
            out.println("Providers and models:");
            ModelEdits.providers(document).forEach(p -> {
                List<String> models = new ArrayList<>();
                p.path("models").forEach(m -> models.add(m.asText()));
                out.println("  " + p.path("name").asText() + ": " + String.join(", ", models));
            });
        }
        out.println();
        out.flush();
    }
}
