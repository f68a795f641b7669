package dev.ccr.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import dev.ccr.config.CcrHome;
import dev.ccr.config.Config;
import net.logstash.logback.encoder.LogstashEncoder;
import net.logstash.logback.fieldnames.LogstashFieldNames;
import org.slf4j.LoggerFactory;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Points the process's log at {@code LOG_LEVEL} and, unless {@code LOG} is false, at a file
 * {@code ~/.claude-code-router/logs/ccr-<yyyyMMddHHmmss>.log} as CCR names them (docs/compatibility.md#command-line),
 * written as JSON lines like CCR's pino files. The console keeps the plain-text pattern of {@link ConsoleLogging}.
 */
final class Logging {
    /** The encoder's word for "leave this field out". */
    private static final String IGNORE = "[ignore]";
    private static final DateTimeFormatter FILE_STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private Logging() {
    }

    /** Undoes {@link #configure}: the level as it was, the file appender detached and closed. */
    interface Undo extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * One JSON object a line with pino's field names where pino has one: {@code time} (epoch ms), {@code level}
     * ({@code INFO}, … as text), {@code msg}, then {@code logger}, {@code thread} and the request's {@code reqId}.
     */
    static LogstashEncoder jsonLines() {
        LogstashEncoder encoder = new LogstashEncoder();
        LogstashFieldNames names = new LogstashFieldNames();
        names.setTimestamp("time");
        names.setMessage("msg");
        names.setLogger("logger");
        names.setThread("thread");
        names.setVersion(IGNORE);
        names.setLevelValue(IGNORE);
        encoder.setFieldNames(names);
        encoder.setTimestampPattern("[UNIX_TIMESTAMP_AS_NUMBER]");
        return encoder;
    }

    /**
     * Applies the config to the process's logging. The returned {@link Undo} restores it, so a server started inside a
     * longer-lived JVM (a test) leaves logging as it found it.
     */
    static Undo configure(Config config, CcrHome home) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        ch.qos.logback.classic.Logger ccr = context.getLogger("dev.ccr");
        Level previous = ccr.getLevel();
        ccr.setLevel(Level.toLevel(config.logLevel(), Level.INFO));
        if (!config.log()) {
            return () -> ccr.setLevel(previous);
        }
        LogstashEncoder encoder = jsonLines();
        encoder.setContext(context);
        encoder.start();
        FileAppender<ILoggingEvent> file = new FileAppender<>();
        file.setContext(context);
        file.setName("ccr-file");
        file.setFile(home.logs().resolve("ccr-" + FILE_STAMP.format(LocalDateTime.now()) + ".log").toString());
        file.setEncoder(encoder);
        file.start();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(file);
        return () -> {
            root.detachAppender(file);
            file.stop();
            ccr.setLevel(previous);
        };
    }
}
