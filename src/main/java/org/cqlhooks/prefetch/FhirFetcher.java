package org.cqlhooks.prefetch;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Fetches from the client's FHIR server what prefetch did not provide: all queries in parallel, each following its
 * searchset's {@code next} links to the end (on the same origin only), under one deadline per call. Any failure
 * (unreachable, 401/403, 5xx, time-out, not FHIR) makes the data unobtainable: 412. Each request's outcome and
 * duration, and the cause of each failed call, are told to the {@link FetchListener}s (the metrics).
 */
@Component
public class FhirFetcher implements DisposableBean {

    private static final String FHIR_JSON = "application/fhir+json";

    private final ExecutorService workers;
    /**
     * Made by the first fetch: building it loads the JDK's trusted certificates, which neither the start-up nor a
     * call that needs no fetch (everything prefetched) should wait for.
     */
    private volatile HttpClient http;
    private final FhirContext fhir;
    private final FhirClientProperties settings;
    private final List<FetchListener> listeners;

    public FhirFetcher(FhirContext fhir, FhirClientProperties settings, ObjectProvider<FetchListener> listeners) {
        this.fhir = fhir;
        this.settings = settings;
        this.listeners = listeners.orderedStream().toList();
        AtomicInteger threads = new AtomicInteger();
        // A bounded pool: however many calls fetch at once, answers are handled by this many threads.
        this.workers = Executors.newFixedThreadPool(settings.workerThreads(), task -> {
            Thread thread = new Thread(task, "fhir-client-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    private HttpClient http() {
        HttpClient client = http;
        if (client == null) {
            synchronized (this) {
                client = http;
                if (client == null) {
                    client = HttpClient.newBuilder()
                            .executor(workers)
                            .connectTimeout(settings.connectTimeout())
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .version(HttpClient.Version.HTTP_1_1)
                            .build();
                    http = client;
                }
            }
        }
        return client;
    }

    @Override
    public void destroy() {
        workers.shutdownNow();
    }

    /** The result of all queries of one call: resources per prefetch key, and the HTTP requests it took. */
    record Fetched(Map<String, List<IBaseResource>> byKey, int calls) {
    }

    Fetched fetch(URI fhirServer, String accessToken, List<FhirQuery> queries) {
        try {
            return fetchAll(fhirServer, accessToken, queries);
        } catch (FetchFailure failure) {
            listeners.forEach(listener -> listener.failed(failure.outcome()));
            throw failure;
        }
    }

    private Fetched fetchAll(URI fhirServer, String accessToken, List<FhirQuery> queries) {
        Instant deadline = Instant.now().plus(settings.deadline());
        AtomicInteger calls = new AtomicInteger();
        Map<String, CompletableFuture<List<IBaseResource>>> pending = new LinkedHashMap<>();
        for (FhirQuery query : queries) {
            Page first = new Page(new Call(fhirServer, accessToken, deadline, calls), query, query.url(), 1);
            pending.put(query.key(), fetchFrom(first, new ArrayList<>()));
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(pending.values().toArray(CompletableFuture[]::new));
        try {
            all.get(Math.max(0, Duration.between(Instant.now(), deadline).toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            List<String> late = pending.entrySet().stream().filter(p -> !p.getValue().isDone())
                    .map(Map.Entry::getKey).toList();
            pending.values().forEach(f -> f.cancel(true));
            throw new FetchFailure(FetchOutcome.DEADLINE, "The FHIR server did not deliver the data within the "
                    + "deadline of " + settings.deadline().toMillis() + " ms (cds.fhir-client.deadline); still "
                    + "missing: prefetch key" + (late.size() == 1 ? " '" : "s '") + String.join("', '", late) + "'");
        } catch (ExecutionException e) {
            throw asFetchFailure(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchFailure(FetchOutcome.OTHER, "Fetching from the FHIR server was interrupted");
        }
        Map<String, List<IBaseResource>> byKey = new LinkedHashMap<>();
        pending.forEach((key, future) -> byKey.put(key, future.join()));
        return new Fetched(byKey, calls.get());
    }

    /** What all pages of one call share. */
    private record Call(URI fhirServer, String accessToken, Instant deadline, AtomicInteger requests) {
    }

    /** One page of one query. */
    private record Page(Call call, FhirQuery query, URI url, int number) {
    }

    private CompletableFuture<List<IBaseResource>> fetchFrom(Page page, List<IBaseResource> collected) {
        Duration left = Duration.between(Instant.now(), page.call().deadline());
        if (left.isNegative() || left.isZero()) {
            return failed(FetchOutcome.DEADLINE, "The FHIR server did not deliver the data within the deadline");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(page.url())
                .timeout(left.compareTo(settings.readTimeout()) < 0 ? left : settings.readTimeout())
                .header("Accept", FHIR_JSON)
                .GET();
        if (page.call().accessToken() != null) {
            request.header("Authorization", "Bearer " + page.call().accessToken());
        }
        page.call().requests().incrementAndGet();
        long started = System.nanoTime();
        return http().sendAsync(request.build(), LimitedBody.handler(settings.maxResponseSize().toBytes()))
                .exceptionally(failure -> {
                    FetchFailure transport = transportFailure(page, failure);
                    requested(transport.outcome(), started);
                    throw new CompletionException(transport);
                })
                .thenCompose(response -> {
                    Answer answer = read(page, response);
                    requested(answer.outcome(), started);
                    return answer.outcome() == FetchOutcome.OK || answer.outcome() == FetchOutcome.NOT_FOUND
                            ? next(page, answer.resource(), collected)
                            : CompletableFuture.failedFuture(new FetchFailure(answer.outcome(), answer.problem()));
                });
    }

    private void requested(FetchOutcome outcome, long startedNanos) {
        Duration took = Duration.ofNanos(System.nanoTime() - startedNanos);
        listeners.forEach(listener -> listener.requested(outcome, took));
    }

    /** What one answer was: its resource (null for a read's 404), or the outcome and what to tell the caller. */
    private record Answer(FetchOutcome outcome, IBaseResource resource, String problem) {
    }

    private Answer read(Page page, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        String key = page.query().key();
        if ((status == 404 || status == 410) && page.query().read()) {
            return new Answer(FetchOutcome.NOT_FOUND, null, null);
        }
        if (status == 401 || status == 403) {
            return new Answer(FetchOutcome.REFUSED, null, "The FHIR server refused access (HTTP " + status
                    + ") for prefetch key '" + key + "'");
        }
        if (status < 200 || status > 299) {
            return new Answer(FetchOutcome.HTTP_ERROR, null, "The FHIR server answered HTTP " + status
                    + " for prefetch key '" + key + "'");
        }
        IBaseResource resource;
        try {
            resource = fhir.newJsonParser().parseResource(new String(response.body(), StandardCharsets.UTF_8));
        } catch (DataFormatException | IllegalArgumentException e) {
            return new Answer(FetchOutcome.NOT_FHIR, null, "The FHIR server's answer for prefetch key '" + key
                    + "' is not FHIR JSON");
        }
        if (resource instanceof OperationOutcome) {
            return new Answer(FetchOutcome.OPERATION_OUTCOME, null, "The FHIR server answered with an "
                    + "OperationOutcome for prefetch key '" + key + "'");
        }
        return new Answer(FetchOutcome.OK, resource, null);
    }

    /** The page's resources added; a searchset's next page fetched in turn. */
    private CompletableFuture<List<IBaseResource>> next(Page page, IBaseResource resource,
            List<IBaseResource> collected) {
        if (resource == null) {
            return CompletableFuture.completedFuture(collected);
        }
        if (!(resource instanceof Bundle bundle)) {
            collected.add(resource);
            return CompletableFuture.completedFuture(collected);
        }
        String key = page.query().key();
        Bundles.addEntries(bundle, collected);
        Bundle.BundleLinkComponent next = bundle.getLink(Bundle.LINK_NEXT);
        if (next == null || next.getUrl() == null || next.getUrl().isBlank()) {
            return CompletableFuture.completedFuture(collected);
        }
        URI nextUrl;
        try {
            nextUrl = page.url().resolve(next.getUrl());
        } catch (IllegalArgumentException e) {
            return failed(FetchOutcome.BAD_NEXT_LINK, "The FHIR server's next link for prefetch key '" + key
                    + "' is not a URL");
        }
        if (!sameOrigin(nextUrl, page.call().fhirServer())) {
            // Never send the EHR's token to another host.
            return failed(FetchOutcome.BAD_NEXT_LINK, "The FHIR server's next link for prefetch key '" + key
                    + "' leaves its origin");
        }
        if (page.number() >= settings.maxPages()) {
            return failed(FetchOutcome.TOO_MANY_PAGES, "The FHIR server returned more than " + settings.maxPages()
                    + " pages for prefetch key '" + key + "' (cds.fhir-client.max-pages)");
        }
        if (collected.size() > settings.maxResources()) {
            return failed(FetchOutcome.TOO_MANY_RESOURCES, "The FHIR server returned more than "
                    + settings.maxResources() + " resources for prefetch key '" + key
                    + "' (cds.fhir-client.max-resources)");
        }
        return fetchFrom(new Page(page.call(), page.query(), nextUrl, page.number() + 1), collected);
    }

    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private FetchFailure transportFailure(Page page, Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException
                || (cause instanceof IOException && cause.getCause() instanceof LimitedBody.TooLarge))
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String key = page.query().key();
        if (cause instanceof LimitedBody.TooLarge) {
            return new FetchFailure(FetchOutcome.TOO_LARGE, "The FHIR server's answer for prefetch key '" + key
                    + "' is larger than " + settings.maxResponseSize().toBytes()
                    + " bytes (cds.fhir-client.max-response-size)");
        }
        if (cause instanceof HttpTimeoutException) {
            return new FetchFailure(FetchOutcome.TIMEOUT, "The FHIR server did not answer in time for prefetch key '"
                    + key + "'");
        }
        if (cause instanceof ConnectException) {
            return new FetchFailure(FetchOutcome.UNREACHABLE, "The FHIR server could not be reached");
        }
        if (cause instanceof IOException) {
            return new FetchFailure(FetchOutcome.CONNECTION_FAILED, "The connection to the FHIR server failed");
        }
        return new FetchFailure(FetchOutcome.OTHER, "Fetching from the FHIR server failed");
    }

    private static FetchFailure asFetchFailure(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof FetchFailure fetch ? fetch
                : new FetchFailure(FetchOutcome.OTHER, "Fetching from the FHIR server failed");
    }

    private static <T> CompletableFuture<T> failed(FetchOutcome cause, String message) {
        return CompletableFuture.failedFuture(new FetchFailure(cause, message));
    }
}
