package dev.ccr.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccr.config.AtomicFiles;
import dev.ccr.config.CcrHome;
import dev.ccr.config.Json5;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The profiles kept under one ccr home: {@code profiles/<name>/config.json} each, {@code default} for the home's own
 * config, and the active one's name in {@code profiles/active-profile} (the fork's layout, docs/cli.md).
 */
public final class Profiles {
    /** The fork's rule: letters, digits, {@code -} and {@code _}, at most 64 characters. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** CCR's port when a config names none. */
    public static final int DEFAULT_PORT = 3456;

    private final CcrHome root;

    public Profiles(CcrHome root) {
        this.root = root;
    }

    /** The home folder the profiles live in; also the {@code default} profile's folder. */
    public CcrHome root() {
        return root;
    }

    public Path dir() {
        return root.dir().resolve("profiles");
    }

    Path activeFile() {
        return dir().resolve("active-profile");
    }

    /**
     * The active profile: the one {@code profiles/active-profile} names, or {@code default} when the file is missing,
     * empty or names a profile that is gone (deleted by hand), so a command never runs in a folder nobody made.
     */
    public Profile active() {
        try {
            String name = Files.readString(activeFile(), StandardCharsets.UTF_8).trim();
            return exists(name) ? named(name) : defaultProfile();
        } catch (IOException e) {
            return defaultProfile();
        }
    }

    public Profile defaultProfile() {
        return new Profile(Profile.DEFAULT, root);
    }

    /**
     * The existing profile called {@code name}.
     *
     * @throws ProfileException when the name is invalid or no such profile exists
     */
    public Profile named(String name) {
        if (Profile.DEFAULT.equals(name)) {
            return defaultProfile();
        }
        validate(name);
        if (!exists(name)) {
            throw new ProfileException("No profile named '" + name + "'. See them with: ccr profile list");
        }
        return new Profile(name, new CcrHome(dir().resolve(name)));
    }

    /** Whether {@code name} is {@code default} or a profile folder holding a {@code config.json}. */
    public boolean exists(String name) {
        return Profile.DEFAULT.equals(name)
                || NAME.matcher(name).matches() && Files.isRegularFile(dir().resolve(name).resolve("config.json"));
    }

    /** {@code default} first, then the other profiles by name. */
    public List<Profile> list() throws IOException {
        List<Profile> profiles = new ArrayList<>();
        profiles.add(defaultProfile());
        if (!Files.isDirectory(dir())) {
            return profiles;
        }
        try (Stream<Path> entries = Files.list(dir())) {
            entries.map(p -> p.getFileName().toString())
                    .filter(name -> !Profile.DEFAULT.equals(name) && exists(name))
                    .sorted(Comparator.naturalOrder())
                    .forEach(name -> profiles.add(named(name)));
        }
        return profiles;
    }

    /**
     * Creates profile {@code name} with {@code config} as its {@code config.json}, readable by the user only.
     *
     * @throws ProfileException when the name is invalid, {@code default}, or taken
     */
    public Profile create(String name, ObjectNode config) throws IOException {
        validate(name);
        if (exists(name)) {
            throw new ProfileException("Profile '" + name + "' already exists.");
        }
        Path folder = dir().resolve(name);
        Files.createDirectories(folder);
        Path tmp = folder.resolve("config.json.tmp");
        Files.writeString(tmp, Json5.pretty(config), StandardCharsets.UTF_8);
        if (Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
            // a copied config holds the user's API keys
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        }
        Files.move(tmp, folder.resolve("config.json"), StandardCopyOption.ATOMIC_MOVE);
        return named(name);
    }

    /** Makes {@code name} the active profile. */
    public Profile activate(String name) throws IOException {
        Profile profile = named(name);
        Files.createDirectories(dir());
        AtomicFiles.write(activeFile(), profile.name() + "\n");
        return profile;
    }

    /**
     * Deletes profile {@code name}'s folder (its config, logs, presets and usage data). The caller checks that no
     * server runs in it.
     *
     * @throws ProfileException for {@code default} and the active profile
     */
    public void delete(String name) throws IOException {
        if (Profile.DEFAULT.equals(name)) {
            throw new ProfileException("The 'default' profile is ccr's own config and cannot be deleted.");
        }
        Profile profile = named(name);
        if (active().name().equals(profile.name())) {
            throw new ProfileException("Profile '" + name + "' is active and cannot be deleted. Switch to another first: "
                    + "ccr profile switch default");
        }
        try (Stream<Path> files = Files.walk(profile.home().dir())) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * The port profile {@code profile}'s config asks for: its {@code PORT}, or CCR's 3456 when it names none or the
     * file cannot be read.
     */
    public static int port(Profile profile) {
        try {
            JsonNode port = Json5.parse(Files.readString(profile.home().configFile(), StandardCharsets.UTF_8)).path("PORT");
            return port.canConvertToInt() && port.asInt() > 0 ? port.asInt() : DEFAULT_PORT;
        } catch (IOException | RuntimeException e) {
            return DEFAULT_PORT;
        }
    }

    /**
     * A port for a new profile: the first above every profile's port that no profile claims and that can be bound on
     * loopback now, so profiles started side by side never collide.
     */
    public int freePort() throws IOException {
        Set<Integer> taken = list().stream().map(Profiles::port).collect(Collectors.toSet());
        int candidate = taken.stream().max(Integer::compare).orElse(DEFAULT_PORT) + 1;
        for (; candidate <= 65535; candidate++) {
            if (!taken.contains(candidate) && bindable(candidate)) {
                return candidate;
            }
        }
        throw new ProfileException("No free port above the profiles' ports; choose one with --port.");
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** @throws ProfileException unless {@code name} is 1-64 letters, digits, {@code -} or {@code _} */
    public static void validate(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ProfileException("Invalid profile name '" + name + "': use 1-64 letters, digits, '-' and '_'.");
        }
    }
}
