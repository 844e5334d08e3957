package org.cqlhooks.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.cqlhooks.catalog.LiveContent;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code cds.calls}: every call to a CDS endpoint, whatever its outcome (401, 413 and 503 included), timed, with
 * the tags {@code endpoint} (discovery, service, feedback), {@code service} and {@code status}. The service tag is
 * an id of the catalogue or {@code unknown}: a caller making up ids cannot grow the number of time series.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 11)
class CallMetricsFilter extends OncePerRequestFilter {

    static final String CALLS = "cds.calls";

    /** Latency buckets for the Prometheus histogram: from a cached small call to a slow FHIR server. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final MeterRegistry meters;
    private final ObjectProvider<LiveContent> content;

    /**
     * The catalogue is looked up at the first call, not when the filter is made: filters are made with the web
     * server, early in the start, and waiting there for the content would stop the rest of the start from running
     * beside its loading.
     */
    CallMetricsFilter(MeterRegistry meters, ObjectProvider<LiveContent> content) {
        this.meters = meters;
        this.content = content;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = path(request);
        return !(path.equals("/cds-services") || path.startsWith("/cds-services/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            String[] parts = path(request).split("/");
            String endpoint = parts.length <= 2 ? "discovery"
                    : parts.length == 4 && parts[3].equals("feedback") ? "feedback" : "service";
            String service = parts.length <= 2 ? "-"
                    : content.getObject().catalog().find(parts[2]).isPresent() ? parts[2] : "unknown";
            Timer.builder(CALLS)
                    .description("Calls to the CDS endpoints, by endpoint, service and HTTP status")
                    .tags("endpoint", endpoint, "service", service, "status", Integer.toString(response.getStatus()))
                    .serviceLevelObjectives(BUCKETS)
                    .register(meters)
                    .record(Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
