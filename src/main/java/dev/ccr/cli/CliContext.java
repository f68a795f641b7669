package dev.ccr.cli;

import dev.ccr.config.CcrHome;
import dev.ccr.daemon.ServerProcess;
import dev.ccr.daemon.StopSignal;
import dev.ccr.profile.Profile;
import dev.ccr.profile.Profiles;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a command takes from the world outside its arguments: the environment, ccr's home folder, the clock,
 * standard input, the temp folder, how to open a browser and how the foreground server learns it must stop. Commands
 * receive it through their constructor ({@link ContextFactory}), so a test gives each run its own home and never
 * touches the real {@code ~/.claude-code-router}.
 *
 * <p>{@code home} is the folder of the profile the command runs in ({@code profile}); {@code profiles} are kept in
 * ccr's own home folder. {@link Ccr#commandLine(CliContext)} chooses the profile once, so commands only ever read
 * {@code home} and follow the active profile without knowing about profiles.
 *
 * @param interactive  whether questions may be asked on {@code in} (a terminal is attached)
 * @param tempDir      {@code $TMPDIR} as Node's {@code os.tmpdir()} reads it (token-speed files, docs/compatibility.md)
 * @param startTimeout how long {@code start --daemon}, {@code code} and {@code ui} wait for a server to answer
 * @param profiles     the profiles under ccr's own home folder
 * @param profile      the name of the profile {@code home} belongs to
 */
public record CliContext(
        Map<String, String> env,
        CcrHome home,
        Clock clock,
        InputStream in,
        boolean interactive,
        Path tempDir,
        Browser browser,
        StopSignal stopSignal,
        Duration startTimeout,
        Profiles profiles,
        String profile) {

    /** CCR waits 10 s for a background start (docs/cli.md); a cold JVM on a busy 2-core box needs a few seconds. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(20);

    public CliContext {
        env = Map.copyOf(env);
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(tempDir, "tempDir");
        Objects.requireNonNull(browser, "browser");
        Objects.requireNonNull(stopSignal, "stopSignal");
        Objects.requireNonNull(startTimeout, "startTimeout");
        Objects.requireNonNull(profiles, "profiles");
        Objects.requireNonNull(profile, "profile");
    }

    /** A context in the {@code default} profile of {@code home}, before {@link Ccr} chooses the active profile. */
    public CliContext(Map<String, String> env, CcrHome home, Clock clock, InputStream in, boolean interactive, Path tempDir,
                      Browser browser, StopSignal stopSignal, Duration startTimeout) {
        this(env, home, clock, in, interactive, tempDir, browser, stopSignal, startTimeout, new Profiles(home),
                Profile.DEFAULT);
    }

    /** The real process: its environment, {@code CcrHome.resolve}, the system clock, stdin and the desktop browser. */
    public static CliContext system() {
        Map<String, String> env = System.getenv();
        return new CliContext(env, CcrHome.resolve(env), Clock.systemUTC(), System.in, terminalAttached(),
                tempDir(env), Browser.desktop(), StopSignal.shutdownHook(), DEFAULT_START_TIMEOUT);
    }

    /**
     * Whether a person can answer questions: a console that is a terminal. JDK 22-24 return a console even when input
     * is piped, so {@code Console.isTerminal()} (JDK 22+) decides where it exists.
     */
    static boolean terminalAttached() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 21: a console is only returned for a terminal
        }
    }

    /** Node's {@code os.tmpdir()}: {@code $TMPDIR} when set, else the JVM's temp folder. */
    static Path tempDir(Map<String, String> env) {
        String tmp = env.get("TMPDIR");
        return Path.of(tmp != null && !tmp.isBlank() ? tmp : System.getProperty("java.io.tmpdir"));
    }

    public CliContext withIn(InputStream in, boolean interactive) {
        return new CliContext(env, home, clock, in, interactive, tempDir, browser, stopSignal, startTimeout, profiles, profile);
    }

    public CliContext withBrowser(Browser browser) {
        return new CliContext(env, home, clock, in, interactive, tempDir, browser, stopSignal, startTimeout, profiles, profile);
    }

    public CliContext withStopSignal(StopSignal stopSignal) {
        return new CliContext(env, home, clock, in, interactive, tempDir, browser, stopSignal, startTimeout, profiles, profile);
    }

    /** This context working in {@code chosen}'s folder. */
    public CliContext inProfile(Profile chosen) {
        return new CliContext(env, chosen.home(), clock, in, interactive, tempDir, browser, stopSignal, startTimeout,
                profiles, chosen.name());
    }

    /** The environment variable, or {@code null}. */
    String getenv(String name) {
        return env.get(name);
    }

    /** How this context's profile starts as a background server. */
    public ServerProcess.Setting serverSetting() {
        return new ServerProcess.Setting(home, profiles.root(), profile, env, clock, startTimeout, Main.class.getName());
    }

    /** Starts this context's profile as a background server. */
    public ServerProcess serverProcess() {
        return new ServerProcess(serverSetting());
    }
}
