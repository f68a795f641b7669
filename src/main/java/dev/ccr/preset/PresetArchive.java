package dev.ccr.preset;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Unpacks a preset archive (a zip, as GitHub serves a repository) into a folder, safely: an entry whose path would
 * leave the folder ({@code ../}, an absolute path, a backslash) refuses the whole archive (zip-slip), and the entry
 * count and the bytes actually written are capped, whatever sizes the archive claims (zip bombs).
 *
 * <p>The preset's folder is the archive's top level when it holds {@code manifest.json}, else its single top folder
 * (GitHub's {@code <repo>-main/}).
 */
public final class PresetArchive {
    /** How much an archive may hold; {@link #DEFAULT} suits any preset (a manifest and a few scripts). */
    public record Limits(int maxEntries, long maxBytes) {
        public static final Limits DEFAULT = new Limits(2_000, 50L * 1024 * 1024);
    }

    private PresetArchive() {
    }

    /**
     * Extracts {@code zip} into {@code target} (created; must not exist) and returns the folder holding the preset's
     * {@code manifest.json}.
     *
     * @throws IOException naming the problem: not a zip, an unsafe entry, over a limit, no manifest
     */
    public static Path extract(Path zip, Path target, Limits limits) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        Files.createDirectory(root);
        try (ZipFile file = new ZipFile(zip.toFile())) {
            if (file.size() > limits.maxEntries()) {
                throw new IOException("The archive has " + file.size() + " entries; a preset may have at most " + limits.maxEntries() + ".");
            }
            long written = 0;
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path to = inside(root, entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(to);
                    continue;
                }
                Files.createDirectories(to.getParent());
                try (InputStream in = file.getInputStream(entry);
                     OutputStream out = Files.newOutputStream(to, StandardOpenOption.CREATE_NEW)) {
                    written = copy(in, out, written, limits.maxBytes());
                }
            }
        } catch (ZipException e) {
            throw new IOException("Not a valid zip archive: " + e.getMessage(), e);
        }
        return presetFolder(root);
    }

    /** Where entry {@code name} goes under {@code root}; refuses any name that would land elsewhere. */
    static Path inside(Path root, String name) throws IOException {
        if (name.isEmpty() || name.contains("\\") || name.startsWith("/") || name.contains("\0")) {
            throw unsafe(name);
        }
        Path to = root.resolve(name).normalize();
        if (!to.startsWith(root) || to.equals(root)) {
            throw unsafe(name);
        }
        return to;
    }

    private static IOException unsafe(String name) {
        return new IOException("Refusing the archive: entry '" + name + "' points outside the preset folder.");
    }

    private static long copy(InputStream in, OutputStream out, long written, long max) throws IOException {
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) > 0; ) {
            written += n;
            if (written > max) {
                throw new IOException("The archive unpacks to more than " + max / (1024 * 1024) + " MB; refusing it.");
            }
            out.write(buffer, 0, n);
        }
        return written;
    }

    private static Path presetFolder(Path root) throws IOException {
        if (Files.isRegularFile(root.resolve(Presets.MANIFEST))) {
            return root;
        }
        List<Path> folders;
        try (Stream<Path> entries = Files.list(root)) {
            folders = entries.filter(Files::isDirectory)
                    .filter(p -> !p.getFileName().toString().startsWith(".") && !p.getFileName().toString().equals("__MACOSX"))
                    .toList();
        }
        if (folders.size() == 1 && Files.isRegularFile(folders.getFirst().resolve(Presets.MANIFEST))) {
            return folders.getFirst();
        }
        throw new IOException("The archive has no manifest.json at its top level or in its single top folder.");
    }
}
