package dev.ccr.preset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where {@code ccr install} takes a preset from: a folder, a zip file or an https URL of a zip (CCR's marketplace
 * command, docs/cli.md), unpacked into a staging folder under the temp folder that closing this deletes. ccr has no
 * marketplace: a bare name fails with a message saying what to pass instead.
 *
 * <p>An archive is installed under the name given, else its manifest's {@code name} when that is a usable folder
 * name, else the archive's file name without {@code .zip}; a folder under its own name, as {@code preset install}.
 */
public final class PresetSource implements AutoCloseable {
    private static final Pattern USABLE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final Path folder;
    private final String fallbackName;
    private final Optional<Path> staging;

    private PresetSource(Path folder, String fallbackName, Optional<Path> staging) {
        this.folder = folder;
        this.fallbackName = fallbackName;
        this.staging = staging;
    }

    /**
     * The preset folder {@code source} names, downloaded and unpacked when it is a URL or a zip. {@code progress} hears
     * of a download before it starts. Plain http is refused unless {@code httpLoopback} allows it to this machine
     * (tests serve archives from a local server).
     */
    public static PresetSource open(String source, Presets presets, Path tempDir, boolean httpLoopback,
                                    Consumer<String> progress) throws IOException {
        Path local = Path.of(source);
        if (source.startsWith("https://") || source.startsWith("http://")) {
            URI url = checked(source, httpLoopback);
            Path staging = staging(tempDir);
            try {
                Path zip = staging.resolve("download.zip");
                progress.accept("Downloading preset from: " + PresetDownload.shown(url));
                PresetDownload.fetch(url, zip, PresetDownload.MAX_BYTES);
                Path folder = PresetArchive.extract(zip, staging.resolve("preset"), PresetArchive.Limits.DEFAULT);
                return new PresetSource(folder, stem(Path.of(url.getPath()).getFileName()), Optional.of(staging));
            } catch (IOException | RuntimeException e) {
                deleteTree(staging);
                throw e;
            }
        }
        if (Files.isDirectory(local)) {
            return new PresetSource(local, local.toAbsolutePath().normalize().getFileName().toString(), Optional.empty());
        }
        if (Files.isRegularFile(local)) {
            Path staging = staging(tempDir);
            try {
                Path folder = PresetArchive.extract(local, staging.resolve("preset"), PresetArchive.Limits.DEFAULT);
                return new PresetSource(folder, stem(local.getFileName()), Optional.of(staging));
            } catch (IOException | RuntimeException e) {
                deleteTree(staging);
                throw e;
            }
        }
        if (source.contains("/") || source.contains("\\") || source.endsWith(".zip")) {
            throw new PresetException("Preset folder or archive not found: " + source);
        }
        if (presets.installed(source)) {
            throw new PresetException("Preset '" + source + "' is already installed. To reconfigure it: ccr preset install " + source);
        }
        throw new PresetException("ccr has no preset marketplace, so '" + source + "' cannot be looked up by name.\n"
                + "Pass a preset folder (ccr install ./" + source + "), a zip file (ccr install " + source
                + ".zip) or an https:// URL of a zip (ccr install https://github.com/<owner>/<repo>/archive/refs/heads/main.zip).");
    }

    /** The unpacked preset folder. */
    public Path folder() {
        return folder;
    }

    /**
     * The name to install under: {@code name} when given, else the manifest's, else the source's; checked to be a
     * usable and free folder name in {@code presets}.
     */
    public String target(Optional<String> name, Presets presets) throws IOException {
        String target = name.isPresent() ? name.get() : nameIn(folder).orElse(fallbackName);
        try {
            presets.dirOf(target);
        } catch (IllegalArgumentException e) {
            throw new PresetException(e.getMessage() + " Choose one with --name.");
        }
        if (presets.installed(target)) {
            throw PresetInstaller.alreadyInstalled(target);
        }
        return target;
    }

    /** Deletes the staging folder, if this source needed one. */
    @Override
    public void close() {
        staging.ifPresent(PresetSource::deleteTree);
    }

    /** {@code text} as a URL ccr will download from: https, or plain http to this machine when allowed. */
    private static URI checked(String text, boolean httpLoopback) {
        URI url;
        try {
            url = new URI(text);
        } catch (URISyntaxException e) {
            throw new PresetException("Not a valid URL: " + e.getMessage());
        }
        if (url.getHost() == null) {
            throw new PresetException("Not a valid URL (no host): " + text);
        }
        if (url.getScheme().equals("http") && !(httpLoopback && loopback(url.getHost()))) {
            throw new PresetException("Only https:// URLs are accepted: a preset holds a config ccr runs.");
        }
        return url;
    }

    private static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }

    /** The manifest's {@code name}, when it can be a folder name. */
    private static Optional<String> nameIn(Path folder) throws IOException {
        return Presets.read("preset", folder).text("name").filter(n -> USABLE_NAME.matcher(n).matches() && !n.contains(".."));
    }

    private static String stem(Path file) {
        String text = file == null ? "preset" : file.toString();
        return text.toLowerCase(Locale.ROOT).endsWith(".zip") ? text.substring(0, text.length() - 4) : text;
    }

    private static Path staging(Path tempDir) throws IOException {
        Files.createDirectories(tempDir);
        return Files.createTempDirectory(tempDir, "ccr-install-");
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // best effort: a leftover in the temp folder does no harm
        }
    }
}
