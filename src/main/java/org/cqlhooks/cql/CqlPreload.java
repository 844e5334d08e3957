package org.cqlhooks.cql;

import ca.uhn.fhir.context.FhirContext;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.cqlhooks.content.ContentException;
import org.cqlhooks.content.ContentProperties;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Starts translating the content's CQL and loading its ValueSets as soon as the configuration is known, on
 * background threads, so that both overlap with Spring building the rest of the application. The beans then take
 * the results (or load them themselves when nothing was started for their location); a content error still stops
 * the start with the same message. Registered in META-INF/spring.factories.
 */
public final class CqlPreload implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    private static final Map<String, FutureTask<CqlLibraries>> LIBRARIES = new ConcurrentHashMap<>();
    private static final Map<String, FutureTask<ValueSetTerminology>> TERMINOLOGIES = new ConcurrentHashMap<>();

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        ContentProperties content = Binder.get(event.getEnvironment())
                .bind("cds.content", ContentProperties.class).orElse(null);
        if (content == null || content.cql() == null || content.fhirResources() == null) {
            return;
        }
        start(librariesTask(content), "cql-translate");
        start(terminologyTask(content), "cql-terminology");
    }

    /** The libraries at the configured location: from the preload if one ran, else translated now. */
    static CqlLibraries libraries(ContentProperties content) {
        return await(LIBRARIES, content.cql(), librariesTask(content));
    }

    /** The ValueSets and CodeSystems at the configured location: from the preload if one ran, else loaded now. */
    static ValueSetTerminology terminology(ContentProperties content) {
        return await(TERMINOLOGIES, content.fhirResources(), terminologyTask(content));
    }

    private static FutureTask<CqlLibraries> librariesTask(ContentProperties content) {
        return task(LIBRARIES, content.cql(),
                () -> new CqlLibraries(content, new PathMatchingResourcePatternResolver()));
    }

    private static FutureTask<ValueSetTerminology> terminologyTask(ContentProperties content) {
        return task(TERMINOLOGIES, content.fhirResources(), () -> new ValueSetTerminology(content,
                new PathMatchingResourcePatternResolver(), FhirContext.forR4Cached()));
    }

    private static <T> FutureTask<T> task(Map<String, FutureTask<T>> tasks, String location, Callable<T> load) {
        return tasks.computeIfAbsent(location, l -> new FutureTask<>(load));
    }

    private static void start(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static <T> T await(Map<String, FutureTask<T>> tasks, String location, FutureTask<T> task) {
        task.run();
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContentException("Interrupted while loading content from " + location, e);
        } catch (ExecutionException e) {
            tasks.remove(location, task);
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new ContentException("Cannot load content from " + location + ": " + e.getCause(), e);
        }
    }
}
