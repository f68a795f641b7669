package dev.ccr.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.List;

/** Collects what ccr logs (at INFO and above, or DEBUG with {@link #atDebug}) under a logger name (and below it) while open, for asserting log lines. */
public final class LogCapture implements AutoCloseable {
    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Level previous;

    private LogCapture(String name, Level level) {
        this.logger = (Logger) LoggerFactory.getLogger(name);
        this.previous = logger.getLevel();
        logger.setLevel(level);
        appender.start();
        logger.addAppender(appender);
    }

    /** Captures {@code name} and its children, e.g. {@code dev.ccr.script}. */
    public static LogCapture of(String name) {
        return new LogCapture(name, Level.INFO);
    }

    /** Captures everything down to DEBUG, as {@code LOG_LEVEL: debug} would log it. */
    public static LogCapture atDebug(String name) {
        return new LogCapture(name, Level.DEBUG);
    }

    /** The formatted lines so far, each {@code LEVEL message}. */
    public List<String> lines() {
        synchronized (appender) { // AppenderBase.doAppend holds the appender while it adds
            return appender.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
        }
    }

    /** The captured lines joined, for {@code contains} assertions. */
    public String text() {
        return String.join("\n", lines());
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(previous);
    }
}
