package dev.ccr.usage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The driver's native library is extracted once per version and platform, whole, and reused after that. */
class SqliteNativeLibraryTest {
    @TempDir
    Path dir;

    @Test
    void theLibraryIsExtractedOnceWholeAndThenReused() throws Exception {
        Path library = SqliteNativeLibrary.keptCopy(dir).orElseThrow();

        byte[] inJar;
        try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(
                LibraryLoaderUtil.getNativeLibResourcePath() + "/" + LibraryLoaderUtil.getNativeLibName())) {
            inJar = in.readAllBytes();
        }
        assertThat(library).startsWith(dir).hasBinaryContent(inJar);
        assertThat(library.getParent().getFileName().toString()).startsWith("sqlite-" + SQLiteJDBCLoader.getVersion() + "-");
        try (var left = Files.list(library.getParent())) {
            assertThat(left).containsExactly(library); // no partial copy left behind
        }

        Files.writeString(library, "kept"); // a second start finds it and leaves it alone
        assertThat(SqliteNativeLibrary.keptCopy(dir)).hasValue(library);
        assertThat(library).hasContent("kept");
    }

    @Test
    void aFolderThatCannotBeWrittenLeavesTheDriverToItsDefault() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");

        assertThat(SqliteNativeLibrary.keptCopy(file)).isEmpty();
    }
}
