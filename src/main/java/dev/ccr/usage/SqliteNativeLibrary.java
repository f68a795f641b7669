package dev.ccr.usage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * sqlite-jdbc's native library, kept beside the usage database once per driver version and platform, with the driver
 * pointed at that copy. Left to itself the driver runs a process to tell musl from glibc, extracts the library to a
 * new temporary file and compares it byte by byte with the jar's copy on every start (docs/benchmarks.md, "The usage
 * store's native library").
 */
final class SqliteNativeLibrary {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteNativeLibrary.class);
    private static final String PATH_PROPERTY = "org.sqlite.lib.path";
    private static final String NAME_PROPERTY = "org.sqlite.lib.name";

    private SqliteNativeLibrary() {
    }

    /**
     * Has the driver load the copy kept under {@code dir}, extracting it first when there is none. Does nothing when a
     * library was chosen with the driver's own properties, and leaves the driver to its default when anything fails.
     */
    static void useKeptCopy(Path dir) {
        if (System.getProperty(PATH_PROPERTY) != null || System.getProperty(NAME_PROPERTY) != null) {
            return;
        }
        keptCopy(dir).ifPresent(library -> {
            System.setProperty(PATH_PROPERTY, library.getParent().toString());
            System.setProperty(NAME_PROPERTY, library.getFileName().toString());
        });
    }

    /** The kept copy under {@code dir}, extracted from the driver's jar when missing; empty when that failed. */
    static Optional<Path> keptCopy(Path dir) {
        String platform = (System.getProperty("os.name") + "-" + System.getProperty("os.arch")).replaceAll("[^A-Za-z0-9._-]", "_");
        String name = LibraryLoaderUtil.getNativeLibName();
        Path library = dir.resolve("sqlite-" + SQLiteJDBCLoader.getVersion() + "-" + platform).resolve(name);
        if (Files.isRegularFile(library)) {
            return Optional.of(library);
        }
        String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name;
        try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty(); // a platform the jar has no library for: the driver says so itself
            }
            Files.createDirectories(library.getParent());
            Path partial = Files.createTempFile(library.getParent(), "extracting-", ".tmp");
            try {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                // Whole or not at all, whichever of two starting instances gets there first.
                Files.move(partial, library, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(partial);
            }
            return Optional.of(library);
        } catch (IOException | RuntimeException e) {
            LOG.debug("could not keep sqlite's native library in {}: {}", library.getParent(), e.toString());
            return Optional.empty();
        }
    }
}
