package org.cqlhooks.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;

/**
 * Log levels a test class turns up, as a site does to find a problem, without a property of its own: a property
 * would give the class a Spring context of its own, while these levels are set on the shared one. They are set before
 * each test (after the context has started: a starting context sets the levels of its configuration) and given
 * back after the class, since levels are JVM-wide. Register with
 * {@code @RegisterExtension static final LogLevels levels = LogLevels.debug("org.cqlhooks");}.
 */
public final class LogLevels implements BeforeEachCallback, AfterAllCallback {

    private final Map<String, LogLevel> levels = new LinkedHashMap<>();

    private LogLevels() {
    }

    public static LogLevels debug(String... loggers) {
        return new LogLevels().and(LogLevel.DEBUG, loggers);
    }

    public LogLevels trace(String... loggers) {
        return and(LogLevel.TRACE, loggers);
    }

    private LogLevels and(LogLevel level, String... loggers) {
        for (String logger : loggers) {
            levels.put(logger, level);
        }
        return this;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        LoggingSystem logging = LoggingSystem.get(LogLevels.class.getClassLoader());
        levels.forEach(logging::setLogLevel);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        LoggingSystem logging = LoggingSystem.get(LogLevels.class.getClassLoader());
        levels.keySet().forEach(logger -> logging.setLogLevel(logger, null));
    }
}
