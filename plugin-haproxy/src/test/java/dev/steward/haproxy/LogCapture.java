package dev.steward.haproxy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;

/**
 * The messages one logger writes during a test, through a logback appender attached for the test. A
 * blocking capture holds every writer until released: a disk that stopped.
 */
final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private final Logger logger;
    private final Level previousLevel;
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final CountDownLatch released;

    private LogCapture(String loggerName, CountDownLatch released) {
        this.logger = (Logger) LoggerFactory.getLogger(loggerName);
        this.previousLevel = logger.getLevel();
        this.released = released;
        setName("capture-" + loggerName);
        setContext(logger.getLoggerContext());
        start();
        logger.setLevel(Level.INFO);
        logger.addAppender(this);
    }

    static LogCapture of(String loggerName) {
        return new LogCapture(loggerName, new CountDownLatch(0));
    }

    /** A capture whose appends all wait until {@link #release()}. */
    static LogCapture blocking(String loggerName) {
        return new LogCapture(loggerName, new CountDownLatch(1));
    }

    static LogCapture of(Class<?> type) {
        return of(type.getName());
    }

    List<String> messages() {
        return List.copyOf(messages);
    }

    void release() {
        released.countDown();
    }

    @Override
    protected void append(ILoggingEvent event) {
        try {
            released.await();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        messages.add(event.getFormattedMessage());
    }

    @Override
    public void close() {
        release();
        logger.detachAppender(this);
        logger.setLevel(previousLevel);
        stop();
    }
}
