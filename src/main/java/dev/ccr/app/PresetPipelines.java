package dev.ccr.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.config.Config;
import dev.ccr.config.ConfigException;
import dev.ccr.config.ConfigParser;
import dev.ccr.pipeline.MessagesPipeline;
import dev.ccr.preset.PresetManifest;
import dev.ccr.preset.Presets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The pipelines of the server's preset namespaces, {@code /preset/<name>/...} (docs/cli.md): one per installed preset,
 * built from the preset's config — its own providers and Router — with {@code $VAR}s expanded (CCR's namespaces get
 * no interpolation, P-16). Built on first use and rebuilt when the manifest changes, so a preset installed while the
 * router runs works without a restart (CCR loads presets only at start).
 */
final class PresetPipelines implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PresetPipelines.class);

    private final Optional<Presets> presets;
    private final Config global;
    private final Map<String, String> env;
    private final Function<Config, MessagesPipeline> build;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    private record Entry(FileTime modified, Optional<MessagesPipeline> pipeline) {
    }

    PresetPipelines(Optional<Path> presetsDir, Config global, Map<String, String> env, Function<Config, MessagesPipeline> build) {
        this.presets = presetsDir.map(Presets::new);
        this.global = global;
        this.env = env;
        this.build = build;
    }

    /** The pipeline of preset {@code name}, or empty when it is not installed or its config is unusable. */
    Optional<MessagesPipeline> find(String name) {
        if (presets.isEmpty() || !presets.get().installed(name)) {
            return Optional.empty();
        }
        Path manifest = presets.get().dirOf(name).resolve(Presets.MANIFEST);
        FileTime modified;
        try {
            modified = Files.getLastModifiedTime(manifest);
        } catch (IOException e) {
            return Optional.empty();
        }
        Entry entry = cache.compute(name, (key, old) -> {
            if (old != null && old.modified().equals(modified)) {
                return old;
            }
            return new Entry(modified, load(name));
        });
        return entry.pipeline();
    }

    private Optional<MessagesPipeline> load(String name) {
        try {
            PresetManifest preset = presets.orElseThrow().find(name).orElseThrow();
            ObjectNode document = preset.namespaceDocument((ObjectNode) global.document());
            return Optional.of(build.apply(ConfigParser.parse(document, env)));
        } catch (IOException | ConfigException | RuntimeException e) {
            LOG.warn("Preset '{}' cannot be served: {}", name, e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        cache.clear();
    }
}
