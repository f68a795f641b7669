package dev.ccr.preset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PresetArchiveTest {
    private static final PresetArchive.Limits SMALL = new PresetArchive.Limits(10, 64 * 1024);

    @TempDir
    Path dir;

    private Path zip(String... namesAndContents) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                zip.putNextEntry(new ZipEntry(namesAndContents[i]));
                zip.write(namesAndContents[i + 1].getBytes());
                zip.closeEntry();
            }
        }
        Path file = dir.resolve("archive.zip");
        Files.write(file, bytes.toByteArray());
        return file;
    }

    @Test
    void aManifestAtTheTopIsThePresetFolder() throws Exception {
        Path folder = PresetArchive.extract(zip("manifest.json", "{}", "js/status.js", "x"), dir.resolve("out"), SMALL);

        assertThat(folder).isEqualTo(dir.resolve("out").toAbsolutePath().normalize());
        assertThat(folder.resolve("js").resolve("status.js")).hasContent("x");
    }

    @Test
    void entriesLeavingTheFolderAreRefused() throws Exception {
        for (String name : new String[] {"../up.txt", "a/../../up.txt", "/etc/absolute.txt", "a\\..\\..\\up.txt"}) {
            Path out = dir.resolve("out-" + Math.abs(name.hashCode()));
            assertThatThrownBy(() -> PresetArchive.extract(zip("manifest.json", "{}", name, "x"), out, SMALL))
                    .as(name).hasMessageContaining("points outside the preset folder");
        }
        assertThat(dir.getParent().resolve("up.txt")).doesNotExist();
    }

    @Test
    void anArchiveThatUnpacksBeyondTheByteLimitIsRefusedWhateverItDeclares() throws Exception {
        Path bomb = zip("manifest.json", "{}", "big.txt", "0".repeat(200 * 1024));

        assertThatThrownBy(() -> PresetArchive.extract(bomb, dir.resolve("out"), SMALL))
                .hasMessageContaining("unpacks to more than");
    }

    @Test
    void anArchiveWithTooManyEntriesIsRefused() throws Exception {
        String[] entries = new String[24];
        for (int i = 0; i < 12; i++) {
            entries[2 * i] = "f" + i + ".txt";
            entries[2 * i + 1] = "x";
        }

        assertThatThrownBy(() -> PresetArchive.extract(zip(entries), dir.resolve("out"), SMALL))
                .hasMessageContaining("12 entries; a preset may have at most 10");
    }

    @Test
    void anArchiveWithoutAManifestOrWithSeveralTopFoldersSaysSo() throws Exception {
        assertThatThrownBy(() -> PresetArchive.extract(zip("a/manifest.json", "{}", "b/manifest.json", "{}"), dir.resolve("out"), SMALL))
                .hasMessageContaining("no manifest.json at its top level or in its single top folder");
        assertThatThrownBy(() -> PresetArchive.extract(dir.resolve("missing.zip"), dir.resolve("out2"), SMALL))
                .isInstanceOf(IOException.class);
    }
}
