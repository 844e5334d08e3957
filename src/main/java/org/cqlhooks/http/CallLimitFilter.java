package org.cqlhooks.http;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.cqlhooks.invocation.LimitProperties;
import org.cqlhooks.wire.CdsError;
import org.cqlhooks.wire.OperationOutcomes;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Back-pressure: at most {@code cds.limits.max-concurrent-calls} service calls are read, gathered and evaluated at
 * once; up to {@code max-queued-calls} more wait (at most {@code queue-wait}) for a place. Past that a call is
 * answered 503 with {@code Retry-After} at once, before its body is read, so an overload costs the calls in flight
 * nothing (eight 4 MB requests at once drove the heap to a full compaction). Discovery and feedback are cheap and
 * not counted. Runs after Spring Security: a caller without a valid token never takes a place.
 *
 * <p>Gauges {@code cds.calls.in.flight} and {@code cds.calls.queued} show how full it is.
 */
@Component
class CallLimitFilter extends OncePerRequestFilter {

    private final Semaphore places;
    private final int queueLimit;
    private final long queueWaitNanos;
    private final String retryAfterSeconds;
    private final OperationOutcomes outcomes;
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();

    CallLimitFilter(LimitProperties limits, OperationOutcomes outcomes, MeterRegistry meters) {
        this.places = new Semaphore(limits.concurrentCalls(), true);
        this.queueLimit = limits.queuedCalls();
        this.queueWaitNanos = limits.queueWait().toNanos();
        this.retryAfterSeconds = Long.toString(Math.max(1, limits.retryAfter().toSeconds()));
        this.outcomes = outcomes;
        Gauge.builder("cds.calls.in.flight", inFlight, AtomicInteger::get)
                .description("Service calls being evaluated now").register(meters);
        Gauge.builder("cds.calls.queued", queued, AtomicInteger::get)
                .description("Service calls waiting for a place").register(meters);
    }

    /** Service calls only: POST /cds-services/{id}. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String[] parts = request.getRequestURI().substring(request.getContextPath().length()).split("/");
        return !("POST".equals(request.getMethod()) && parts.length == 3 && parts[1].equals("cds-services"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!enter()) {
            refuse(response);
            return;
        }
        inFlight.incrementAndGet();
        try {
            chain.doFilter(request, response);
        } finally {
            inFlight.decrementAndGet();
            places.release();
        }
    }

    /** A place at once, or one after waiting in the queue while it has room. */
    private boolean enter() {
        if (places.tryAcquire()) {
            return true;
        }
        if (queued.incrementAndGet() > queueLimit) {
            queued.decrementAndGet();
            return false;
        }
        try {
            return places.tryAcquire(queueWaitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            queued.decrementAndGet();
        }
    }

    private void refuse(HttpServletResponse response) throws IOException {
        response.setStatus(CdsError.OVERLOADED.status());
        response.setHeader("Retry-After", retryAfterSeconds);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getOutputStream().write(outcomes.json(CdsError.OVERLOADED, "The server is evaluating as many "
                + "calls as it is configured for (cds.limits.max-concurrent-calls) and its queue is full; retry after "
                + retryAfterSeconds + " s", null).getBytes(StandardCharsets.UTF_8));
    }
}
