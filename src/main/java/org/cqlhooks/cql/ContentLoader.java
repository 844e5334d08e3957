package org.cqlhooks.cql;

import ca.uhn.fhir.context.FhirContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.cqlhooks.content.ContentException;
import org.cqlhooks.content.ContentProperties;
import org.cqlhooks.content.ContentScope;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * Loads the content's two independent halves side by side: translating the CQL and reading the ValueSets and
 * CodeSystems, each on a thread of its own, started at construction (for the start-up before the context is built,
 * {@link ContentPreload}; for a reload or the command line, when they load). Each half is then waited for where it
 * is needed (the catalogue needs only the libraries). A content error surfaces with its own message, as if it had
 * been loaded on the caller's thread.
 */
public final class ContentLoader {

    private final CompletableFuture<CqlLibraries> libraries;
    private final CompletableFuture<ValueSetTerminology> terminology;

    /** The halves of a version already loaded, kept where their files have not changed (none: both loaded anew). */
    public record Previous(CqlLibraries libraries, ValueSetTerminology terminology) {

        public static final Previous NONE = new Previous(null, null);
    }

    public ContentLoader(ContentProperties content, ResourcePatternResolver resolver, FhirContext fhir) {
        this(content, ContentScope.ALL, resolver, fhir, Previous.NONE);
    }

    /** The libraries of {@code scope} (and their includes); the terminology whole, whatever the scope. */
    public ContentLoader(ContentProperties content, ContentScope scope, ResourcePatternResolver resolver,
            FhirContext fhir, Previous previous) {
        SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor("content-load-");
        threads.setDaemon(true); // a failed start must not wait for the other half
        this.libraries = CompletableFuture.supplyAsync(
                () -> CqlLibraries.reusing(content, scope, resolver, previous.libraries()), threads);
        this.terminology = CompletableFuture.supplyAsync(
                () -> ValueSetTerminology.reusing(content, resolver, fhir, previous.terminology()), threads);
    }

    public CqlLibraries libraries() {
        return await(libraries, "CQL libraries");
    }

    public ValueSetTerminology terminology() {
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
