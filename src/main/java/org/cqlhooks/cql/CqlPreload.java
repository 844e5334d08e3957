package org.cqlhooks.cql;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.cqlhooks.system.ContentProperties;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Starts translating the content's CQL as soon as the configuration is known, on a background thread, so that
 * translation overlaps with Spring building the rest of the application. The {@link CqlLibraries} bean then takes
 * the result (or translates itself when nothing was started for its location); a translation error still stops the
 * start with the same message. Registered in META-INF/spring.factories.
 */
public final class CqlPreload implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    private static final Map<String, FutureTask<CqlLibraries>> BY_LOCATION = new ConcurrentHashMap<>();

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        ContentProperties content = Binder.get(event.getEnvironment())
                .bind("cds.content", ContentProperties.class).orElse(null);
        if (content == null || content.cql() == null) {
            return;
        }
        FutureTask<CqlLibraries> task = task(content);
        Thread thread = new Thread(task, "cql-translate");
        thread.setDaemon(true);
        thread.start();
    }

    /** The libraries at the configured location: from the preload if one ran, else translated now. */
    static CqlLibraries libraries(ContentProperties content) {
        FutureTask<CqlLibraries> task = task(content);
        task.run();
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContentException("Interrupted while translating CQL", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                BY_LOCATION.remove(content.cql(), task);
                throw failure;
            }
            throw new ContentException("CQL translation failed: " + e.getCause(), e);
        }
    }

    private static FutureTask<CqlLibraries> task(ContentProperties content) {
        return BY_LOCATION.computeIfAbsent(content.cql(), location ->
                new FutureTask<>(() -> new CqlLibraries(content, new PathMatchingResourcePatternResolver())));
    }
}
