package org.cqlhooks.demo;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.cqlhooks.content.ContentException;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * Reads the sample patients on a thread of their own, from the moment the demo server is configured: no CDS call
 * needs them, so the rest of the start does not wait for them. The start still does, before the server accepts a
 * call ({@link #afterSingletonsInstantiated()}): a sample file that cannot be read stops it with its own message,
 * as any other broken content does.
 */
final class SampleDataLoad implements SmartInitializingSingleton {

    private final CompletableFuture<ResourceStore> loading;

    SampleDataLoad(Supplier<ResourceStore> load) {
        SimpleAsyncTaskExecutor thread = new SimpleAsyncTaskExecutor("demo-load-");
        thread.setDaemon(true); // a failed start must not wait for it
        this.loading = CompletableFuture.supplyAsync(load, thread);
    }

    /** The loaded sample patients, waiting for them if they are still loading. */
    ResourceStore store() {
        try {
            return loading.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new ContentException("Cannot read the sample patients: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void afterSingletonsInstantiated() {
        store();
    }
}
