package org.cqlhooks.cql;

import ca.uhn.fhir.context.FhirContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.cqlhooks.content.ContentException;
import org.cqlhooks.content.ContentProperties;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * Loads the content's two independent halves at start-up, side by side: translating the CQL and reading the
 * ValueSets and CodeSystems, each on a thread of its own, started before the context is built
 * ({@link ContentPreload}). The beans then wait for their half. A content error stops the start with its own
 * message, as if it had been loaded on the main thread.
 */
final class ContentLoader {

    private final CompletableFuture<CqlLibraries> libraries;
    private final CompletableFuture<ValueSetTerminology> terminology;

    ContentLoader(ContentProperties content, ResourcePatternResolver resolver, FhirContext fhir) {
        SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor("content-load-");
        threads.setDaemon(true); // a failed start must not wait for the other half
        this.libraries = CompletableFuture.supplyAsync(() -> new CqlLibraries(content, resolver), threads);
        this.terminology = CompletableFuture.supplyAsync(() -> new ValueSetTerminology(content, resolver, fhir),
                threads);
    }

    CqlLibraries libraries() {
        return await(libraries, "CQL libraries");
    }

    ValueSetTerminology terminology() {
        return await(terminology, "ValueSets");
    }

    private static <T> T await(CompletableFuture<T> loading, String what) {
        try {
            return loading.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new ContentException("Cannot load the " + what + ": " + e.getCause(), e.getCause());
        }
    }
}
