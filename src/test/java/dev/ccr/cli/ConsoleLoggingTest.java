package dev.ccr.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleLoggingTest {
    @Test
    void theConsoleLogIsPlainTextOnStandardErrorWithTheServerLibrariesAtWarn() {
        LoggerContext context = new LoggerContext();

        assertThat(ConsoleLogging.configureConsole(context)).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

        var root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.INFO);
        var console = (ConsoleAppender<?>) root.getAppender("console");
        assertThat(console.getTarget()).isEqualTo("System.err");
        assertThat(((PatternLayoutEncoder) console.getEncoder()).getPattern()).isEqualTo("%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n");
        assertThat(context.getLogger("io.undertow").getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("org.xnio").getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("org.jboss").getLevel()).isEqualTo(Level.WARN);
    }

    @Test
    void aTestOrUserLogbackFileStillWins() {
        // the test classpath has logback-test.xml
        assertThat(new ConsoleLogging().configure(new LoggerContext())).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
    }
}
