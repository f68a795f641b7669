package dev.ccr.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

class CommandLineForArgumentsTest {
    private final CliTestHome home = CliTestHome.create();

    @AfterEach
    void close() {
        home.close();
    }

    private CommandLine forArguments(String... args) {
        return Ccr.forArguments(home.context(System.in, false), args);
    }

    @Test
    void aNamedSubcommandIsTheOnlyOneBuilt() {
        assertThat(forArguments("start", "--daemon").getSubcommands()).containsOnlyKeys("start");
        assertThat(forArguments("env").getSubcommands()).containsOnlyKeys("activate", "env");
    }

    @Test
    void helpAPresetNameOrNoArgumentsGetEverySubcommand() {
        CommandLine all = Ccr.commandLine(home.context(System.in, false));
        for (String[] args : new String[][] {{}, {"help", "start"}, {"--help"}, {"my-preset", "hello"}}) {
            assertThat(forArguments(args).getSubcommands().keySet()).isEqualTo(all.getSubcommands().keySet());
        }
        assertThat(all.getSubcommands()).containsKeys("start", "stop", "code", "ui", "model", "preset", "help");
    }

    @Test
    void codeStillPassesEveryArgumentToClaudeCode() {
        CommandLine code = forArguments("code", "--help").getSubcommands().get("code");
        assertThat(code.getCommandSpec().parser().unmatchedOptionsArePositionalParams()).isTrue();
        assertThat(code.getCommandSpec().parser().stopAtPositional()).isTrue();
    }
}
