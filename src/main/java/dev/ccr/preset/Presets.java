package dev.ccr.preset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.config.Json5;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The installed presets: one folder each under {@code ~/.claude-code-router/presets/}, named for the preset, with a
 * {@code manifest.json} (JSON5). The folder name is the preset's identity everywhere — in {@code ccr <name>}, in the
 * server's {@code /preset/<name>} and in these commands — which fixes CCR's mismatch between the two (pitfall P-16).
 */
public final class Presets {
    public static final String MANIFEST = "manifest.json";

    private final Path dir;

    public Presets(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /**
     * The folder of preset {@code name}.
     *
     * @throws IllegalArgumentException for names that could leave the presets folder ({@code ..}, slashes)
     */
    public Path dirOf(String name) {
        if (name == null || name.isBlank() || name.contains("..") || name.contains("/") || name.contains("\\")
                || name.startsWith(".") || Path.of(name).isAbsolute()) {
            throw new IllegalArgumentException("Invalid preset name '" + name + "': use letters, digits, '-' and '_'.");
        }
        return dir.resolve(name);
    }

    public boolean installed(String name) {
        try {
            return Files.isRegularFile(dirOf(name).resolve(MANIFEST));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The preset named {@code name}, if installed. */
    public Optional<PresetManifest> find(String name) throws IOException {
        if (!installed(name)) {
            return Optional.empty();
        }
        return Optional.of(read(name, dirOf(name)));
    }

    /** Every preset folder with a manifest that parses, by name; folders that do not parse are reported in {@code broken}. */
    public List<PresetManifest> list(List<String> broken) throws IOException {
        List<PresetManifest> presets = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return presets;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path folder : entries.filter(Files::isDirectory).sorted(Comparator.comparing(Path::toString)).toList()) {
                String name = folder.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                try {
                    presets.add(read(name, folder));
                } catch (IOException | RuntimeException e) {
                    broken.add(name);
                }
            }
        }
        return presets;
    }

    /** Reads the manifest in any folder (an installed preset or one to install). */
    public static PresetManifest read(String name, Path folder) throws IOException {
        Path file = folder.resolve(MANIFEST);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no manifest.json in " + folder);
        }
        JsonNode node = Json5.parse(text);
        if (!node.isObject()) {
            throw new IOException(file + " must hold a JSON object");
        }
        return new PresetManifest(name, folder, (ObjectNode) node);
    }

    /** Writes a preset's manifest (pretty JSON), creating its folder. */
    public void save(String name, ObjectNode manifest) throws IOException {
        Path folder = dirOf(name);
        Files.createDirectories(folder);
        Path tmp = folder.resolve(MANIFEST + ".tmp");
        Files.writeString(tmp, Json5.pretty(manifest), StandardCharsets.UTF_8);
        Files.move(tmp, folder.resolve(MANIFEST), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Copies a preset folder (manifest and every other file, e.g. scripts it refers to) into the presets folder as
     * {@code name}. CCR wrote only the manifest, into a folder it never created (P-16).
     *
     * @throws FileAlreadyExistsException when {@code name} is installed already
     */
    public PresetManifest install(Path source, String name) throws IOException {
        PresetManifest manifest = read(name, source);
        Path target = dirOf(name);
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString(), null, "preset '" + name + "' is already installed");
        }
        Files.createDirectories(dir);
        Path staging = Files.createTempDirectory(dir, "." + name + "-");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path from : files.toList()) {
                Path to = staging.resolve(source.relativize(from).toString());
                if (Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(to);
                } else if (Files.isRegularFile(from, LinkOption.NOFOLLOW_LINKS)) {
                    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            deleteTree(staging);
            throw e;
        }
        return new PresetManifest(name, target, manifest.manifest());
    }

    /** Deletes preset {@code name}; false when it was not there. */
    public boolean delete(String name) throws IOException {
        Path folder = dirOf(name);
        if (!Files.exists(folder)) {
            return false;
        }
        deleteTree(folder);
        return true;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
