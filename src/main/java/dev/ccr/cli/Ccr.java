package dev.ccr.cli;

import dev.ccr.profile.Profile;
import dev.ccr.profile.ProfileException;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The root {@code ccr} command: lists every subcommand. With none it prints help and fails, as CCR does; a first word
 * that names an installed preset runs Claude Code against that preset ({@code ccr my-preset "prompt"}, docs/cli.md).
 *
 * <p>Every command runs in one profile, chosen here and nowhere else: the active one, or the one {@code --profile}
 * names for this command alone.
 */
@Command(name = "ccr",
        versionProvider = Version.Provider.class,
        description = "claude-code-router for the JVM: run Claude Code on any model, routed per request.",
        synopsisSubcommandLabel = "COMMAND",
        footer = {"", "Presets: ccr <preset> [args...] runs Claude Code with an installed preset (see ccr preset list).",
                "Profiles: ccr --profile <name> <command> runs one command in another profile (see ccr profile list).",
                "Shell completion: source <(ccr generate-completion)"})
public final class Ccr implements Callable<Integer> {
    /** Every subcommand, in the order help lists them. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(
            StartCommand.class,
            StopCommand.class,
            RestartCommand.class,
            StatusCommand.class,
            CodeCommand.class,
            CodexCommand.class,
            GeminiCommand.class,
            OpenCodeCommand.class,
            UiCommand.class,
            ModelCommand.class,
            PresetCommand.class,
            InstallCommand.class,
            ProfileCommand.class,
            ActivateCommand.class,
            StatuslineCommand.class,
            RouteCommand.class,
            VersionCommand.class,
            AotTrainCommand.class,
            CommandLine.HelpCommand.class,
            AutoComplete.GenerateCompletion.class);

    /** The commands that run a client and pass it every argument. */
    private static final List<String> LAUNCHERS = List.of("code", "codex", "gemini", "opencode");

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = {"-v", "-V", "--version"}, versionHelp = true, description = "Print the version and exit.")
    boolean version;

    /** Read by {@link #inNamedProfile}, which runs the command again in that profile. */
    @Option(names = "--profile", paramLabel = "NAME", description = "Run the command in profile NAME instead of the active one.")
    String profile;

    @Parameters(arity = "0..*", hidden = true, paramLabel = "PRESET")
    List<String> presetAndArgs = new ArrayList<>();

    Ccr(CliContext context) {
        this.context = context;
    }

    /**
     * The configured command line with every subcommand, with {@code context} as its world, working in the active
     * profile; tests give each run its own.
     */
    public static CommandLine commandLine(CliContext context) {
        return commandLine(context, SUBCOMMANDS);
    }

    /**
     * The command line for one run, as {@link Main} runs it: when the first argument names a subcommand, only that one
     * is built. picocli reads every command's annotations by reflection when it is added, which for all of them took
     * a third of the time to the first answered request (docs/benchmarks.md); help, presets and {@code --profile}
     * still get them all.
     */
    static CommandLine forArguments(CliContext context, String... args) {
        int first = args.length > 0 && args[0].startsWith("--profile=") ? 1 : args.length > 1 && args[0].equals("--profile") ? 2 : 0;
        if (first < args.length) {
            for (Class<?> command : SUBCOMMANDS) {
                Command annotation = command.getAnnotation(Command.class);
                if (!annotation.name().equals("help") && names(annotation).contains(args[first])) {
                    return commandLine(context, List.of(command));
                }
            }
        }
        return commandLine(context);
    }

    private static List<String> names(Command annotation) {
        List<String> names = new ArrayList<>(List.of(annotation.aliases()));
        names.add(annotation.name());
        return names;
    }

    private static CommandLine commandLine(CliContext context, List<Class<?>> subcommands) {
        CommandLine commandLine = build(context, context.profiles().active(), subcommands);
        commandLine.setExecutionStrategy(parsed -> parsed.hasMatchedOption("--profile")
                ? inNamedProfile(context, commandLine, parsed, subcommands)
                : new CommandLine.RunLast().execute(parsed));
        return commandLine;
    }

    /**
     * {@code ccr --profile NAME command...}: the commands were made for the active profile, so the arguments run
     * again, without the option, on a command line made for profile {@code NAME}.
     */
    private static int inNamedProfile(CliContext context, CommandLine first, ParseResult parsed, List<Class<?>> subcommands) {
        Profile chosen;
        try {
            chosen = context.profiles().named(parsed.matchedOptionValue("--profile", ""));
        } catch (ProfileException e) {
            first.getErr().println(e.getMessage());
            first.getErr().flush();
            return ExitCodes.FAILURE;
        }
        List<String> args = new ArrayList<>(parsed.originalArgs());
        for (int i = 0; i < args.size() && args.get(i).startsWith("-"); i++) {
            if (args.get(i).startsWith("--profile=")) {
                args.remove(i);
                break;
            }
            if (args.get(i).equals("--profile")) {
                args.subList(i, Math.min(i + 2, args.size())).clear();
                break;
            }
        }
        CommandLine again = build(context, chosen, subcommands);
        again.setOut(first.getOut());
        again.setErr(first.getErr());
        return again.execute(args.toArray(String[]::new));
    }

    private static CommandLine build(CliContext context, Profile profile, List<Class<?>> subcommands) {
        CommandLine commandLine = new CommandLine(Ccr.class, new ContextFactory(context.inProfile(profile)))
                .setExecutionExceptionHandler(new FailureHandler())
                .setExpandAtFiles(false);
        subcommands.forEach(commandLine::addSubcommand);
        // `ccr <preset> args...`: everything after the preset name belongs to Claude Code.
        commandLine.getCommandSpec().parser().stopAtPositional(true).unmatchedOptionsArePositionalParams(true);
        // `ccr code args...` and the other launchers: nothing is ccr's; not even `--` or `--help`.
        for (String name : LAUNCHERS) {
            CommandLine launcher = commandLine.getSubcommands().get(name);
            if (launcher != null) {
                launcher.getCommandSpec().parser().stopAtPositional(true).unmatchedOptionsArePositionalParams(true)
                        .endOfOptionsDelimiter("\u0000");
            }
        }
        return commandLine;
    }

    @Override
    public Integer call() throws Exception {
        if (!presetAndArgs.isEmpty()) {
            String name = presetAndArgs.getFirst();
            if (PresetRun.installed(context, name)) {
                return new PresetRun(context, spec.commandLine().getOut(), spec.commandLine().getErr())
                        .run(name, presetAndArgs.subList(1, presetAndArgs.size()));
            }
            spec.commandLine().getErr().println("Unknown command or preset: " + name);
        }
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
