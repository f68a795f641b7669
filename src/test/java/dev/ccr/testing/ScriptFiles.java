package dev.ccr.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** JS files for script tests, written to a fresh folder. */
public final class ScriptFiles {
    private ScriptFiles() {
    }

    /** A new temporary folder. */
    public static Path folder() {
        try {
            return Files.createTempDirectory("ccr-script-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code source} to {@code dir/name} (creating parent folders) and answers its absolute path. */
    public static Path write(Path dir, String name, String source) {
        try {
            Path file = dir.resolve(name).toAbsolutePath();
            Files.createDirectories(file.getParent());
            Files.writeString(file, source);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code source} to a file {@code name} in a new folder. */
    public static Path write(String name, String source) {
        return write(folder(), name, source);
    }

    /** A JSON string literal of {@code path}, for config text. */
    public static String json(Path path) {
        return "\"" + path.toString().replace("\\", "\\\\") + "\"";
    }
}
