package dev.ccr.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds the rule file an include names: relative to the including file's folder first, then among the files bundled
 * with ccr (the repository's {@code rules/} folder, on the classpath). The extension may be left out; {@code ~/} and
 * absolute paths work. Bundled files can only include other bundled files.
 */
final class RuleFiles {
    private static final List<String> EXTENSIONS = List.of("", ".json5", ".json");
    private static final String BUNDLED = "rules/";

    private RuleFiles() {
    }

    /** A rule file found for an include: its text, a display name, an identity for cycle checks, and its place. */
    record RuleFile(String text, String display, String identity, Optional<Path> dir) {
    }

    static Optional<RuleFile> find(String name, Optional<Path> dir) {
        String expanded = name.startsWith("~/") ? CcrHome.userHome(System.getenv()) + name.substring(1) : name;
        Path asPath;
        try {
            asPath = Path.of(expanded);
        } catch (java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
        for (String ext : EXTENSIONS) {
            Path candidate = asPath.isAbsolute() ? Path.of(expanded + ext) : dir.map(d -> d.resolve(expanded + ext)).orElse(null);
            if (candidate != null && Files.isRegularFile(candidate)) {
                try {
                    Path real = candidate.toRealPath();
                    return Optional.of(new RuleFile(Files.readString(real, StandardCharsets.UTF_8), real.getFileName().toString(),
                            real.toString(), Optional.of(real.getParent())));
                } catch (IOException e) {
                    return Optional.empty();
                }
            }
        }
        if (asPath.isAbsolute() || expanded.contains("..") || expanded.contains("\\")) {
            return Optional.empty();
        }
        for (String ext : EXTENSIONS) {
            String resource = BUNDLED + expanded + ext;
            try (InputStream in = RuleFiles.class.getClassLoader().getResourceAsStream(resource)) {
                if (in != null && !resource.endsWith("/")) {
                    return Optional.of(new RuleFile(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                            Path.of(resource).getFileName().toString(), "bundled:" + resource, Optional.empty()));
                }
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

}
