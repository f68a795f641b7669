package dev.ccr.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The root {@code ccr} command: lists every subcommand. With none it prints help and fails, as CCR does; a first word
 * that names an installed preset runs Claude Code against that preset ({@code ccr my-preset "prompt"}, spec §6.3).
 */
@Command(name = "ccr",
        versionProvider = Version.Provider.class,
        description = "claude-code-router for the JVM: run Claude Code on any model, routed per request.",
        synopsisSubcommandLabel = "COMMAND",
        footer = {"", "Presets: ccr <preset> [args...] runs Claude Code with an installed preset (see ccr preset list).",
                "Shell completion: source <(ccr generate-completion)"})
public final class Ccr implements Callable<Integer> {
    /** Every subcommand, in the order help lists them. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(
            StartCommand.class,
            StopCommand.class,
            RestartCommand.class,
            StatusCommand.class,
            CodeCommand.class,
            UiCommand.class,
            ModelCommand.class,
            PresetCommand.class,
            ActivateCommand.class,
            StatuslineCommand.class,
            RouteCommand.class,
            VersionCommand.class,
            AotTrainCommand.class,
            CommandLine.HelpCommand.class,
            AutoComplete.GenerateCompletion.class);

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = {"-v", "-V", "--version"}, versionHelp = true, description = "Print the version and exit.")
    boolean version;

    @Parameters(arity = "0..*", hidden = true, paramLabel = "PRESET")
    List<String> presetAndArgs = new ArrayList<>();

    Ccr(CliContext context) {
        this.context = context;
    }

    /** The configured command line with every subcommand, with {@code context} as its world; tests give each run its own. */
    public static CommandLine commandLine(CliContext context) {
        return commandLine(context, SUBCOMMANDS);
    }

    /**
     * The command line for one run, as {@link Main} runs it: when the first argument names a subcommand, only that one
     * is built. picocli reads every command's annotations by reflection when it is added, which for all of them took
     * a third of the time to the first answered request (docs/benchmarks.md); help and presets still get them all.
     */
    static CommandLine forArguments(CliContext context, String... args) {
        if (args.length > 0) {
            for (Class<?> command : SUBCOMMANDS) {
                Command annotation = command.getAnnotation(Command.class);
                if (!annotation.name().equals("help") && names(annotation).contains(args[0])) {
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
        CommandLine commandLine = new CommandLine(Ccr.class, new ContextFactory(context))
                .setExecutionExceptionHandler(new FailureHandler())
                .setExpandAtFiles(false);
        subcommands.forEach(commandLine::addSubcommand);
        // `ccr <preset> args...`: everything after the preset name belongs to Claude Code.
        commandLine.getCommandSpec().parser().stopAtPositional(true).unmatchedOptionsArePositionalParams(true);
        // `ccr code args...`: nothing is ccr's; not even `--` or `--help`.
        CommandLine code = commandLine.getSubcommands().get("code");
        if (code != null) {
            code.getCommandSpec().parser().stopAtPositional(true).unmatchedOptionsArePositionalParams(true)
                    .endOfOptionsDelimiter("\u0000");
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
