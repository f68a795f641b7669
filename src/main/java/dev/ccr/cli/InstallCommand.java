package dev.ccr.cli;

import dev.ccr.preset.PresetArchive;
import dev.ccr.preset.PresetDownload;
import dev.ccr.preset.Presets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code ccr install SOURCE}: installs a preset from a folder, a zip file or an https URL of a zip (CCR's marketplace
 * command, spec §6.3), then asks the inputs its schema declares, as {@code ccr preset install} does. ccr has no
 * marketplace: a bare name fails with a message saying what to pass instead.
 *
 * <p>An archive is installed under {@code --name}, else its manifest's {@code name} when that is a usable folder
 * name, else the archive's file name without {@code .zip}; a folder under its own name, as {@code preset install}.
 */
@Command(name = "install", description = {"Install a preset from a folder, a .zip file or an https:// URL of a .zip.", "",
        "Examples:", "  ccr install ./my-setup", "  ccr install ~/Downloads/kimi.zip --set apiKey=$KIMI_KEY",
        "  ccr install https://github.com/someone/kimi-preset/archive/refs/heads/main.zip"})
final class InstallCommand implements Callable<Integer> {
    private static final Pattern USABLE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SOURCE", description = "A preset folder, a .zip file, or an https:// URL of a .zip.")
    String source;

    @Option(names = "--name", paramLabel = "NAME", description = "Install under this name.")
    String name;

    @Option(names = "--set", paramLabel = "ID=VALUE", description = "Answer a schema input without being asked (repeatable).")
    Map<String, String> given = new LinkedHashMap<>();

    /** Tests serve archives from a local plain-http server; anything else must be https. */
    @Option(names = "--allow-http-loopback", hidden = true)
    boolean httpLoopback;

    InstallCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PresetSetup setup = new PresetSetup(context, out);
        Path staging = null;
        try {
            Path folder;
            String fallbackName;
            Path local = Path.of(source);
            if (source.startsWith("https://") || source.startsWith("http://")) {
                URI url = checked(source);
                staging = staging();
                Path zip = staging.resolve("download.zip");
                out.println("Downloading preset from: " + PresetDownload.shown(url));
                out.flush();
                PresetDownload.fetch(url, zip, PresetDownload.MAX_BYTES);
                folder = PresetArchive.extract(zip, staging.resolve("preset"), PresetArchive.Limits.DEFAULT);
                fallbackName = stem(Path.of(url.getPath()).getFileName());
            } else if (Files.isDirectory(local)) {
                folder = local;
                fallbackName = local.toAbsolutePath().normalize().getFileName().toString();
            } else if (Files.isRegularFile(local)) {
                staging = staging();
                folder = PresetArchive.extract(local, staging.resolve("preset"), PresetArchive.Limits.DEFAULT);
                fallbackName = stem(local.getFileName());
            } else if (source.contains("/") || source.contains("\\") || source.endsWith(".zip")) {
                throw new CliException("Preset folder or archive not found: " + source);
            } else if (setup.presets().installed(source)) {
                throw new CliException("Preset '" + source + "' is already installed. To reconfigure it: ccr preset install " + source);
            } else {
                throw new CliException("ccr has no preset marketplace, so '" + source + "' cannot be looked up by name.\n"
                        + "Pass a preset folder (ccr install ./" + source + "), a zip file (ccr install " + source
                        + ".zip) or an https:// URL of a zip (ccr install https://github.com/<owner>/<repo>/archive/refs/heads/main.zip).");
            }
            String target = name != null ? name : nameIn(folder).orElse(fallbackName);
            install(setup, folder, target);
        } finally {
            if (staging != null) {
                deleteTree(staging);
            }
        }
        return ExitCodes.OK;
    }

    private void install(PresetSetup setup, Path folder, String target) throws IOException {
        try {
            setup.presets().dirOf(target);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage() + " Choose one with --name.");
        }
        if (setup.presets().installed(target)) {
            throw PresetSetup.alreadyInstalled(target);
        }
        spec.commandLine().getOut().println("Installing preset: " + target);
        setup.run(Presets.read(target, folder), Optional.of(folder), given);
    }

    /** {@code text} as a URL ccr will download from: https, or plain http to this machine behind the hidden option. */
    private URI checked(String text) {
        URI url;
        try {
            url = new URI(text);
        } catch (URISyntaxException e) {
            throw new CliException("Not a valid URL: " + e.getMessage());
        }
        if (url.getHost() == null) {
            throw new CliException("Not a valid URL (no host): " + text);
        }
        if (url.getScheme().equals("http") && !(httpLoopback && loopback(url.getHost()))) {
            throw new CliException("Only https:// URLs are accepted: a preset holds a config ccr runs.");
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
        return text.toLowerCase(java.util.Locale.ROOT).endsWith(".zip") ? text.substring(0, text.length() - 4) : text;
    }

    private Path staging() throws IOException {
        Files.createDirectories(context.tempDir());
        return Files.createTempDirectory(context.tempDir(), "ccr-install-");
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // best effort: a leftover in the temp folder does no harm
        }
    }
}
