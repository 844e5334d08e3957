package org.cqlhooks.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.cqlhooks.prefetch.FetchListener;
import org.cqlhooks.prefetch.FetchOutcome;
import org.springframework.stereotype.Component;

/**
 * {@code cds.fhir.requests}: each request to an EHR's FHIR server, timed, by outcome; {@code cds.fhir.failures}:
 * calls whose data could not be fetched (412), by cause. Both tags come from {@link FetchOutcome}'s fixed set.
 */
@Component
class FetchMetrics implements FetchListener {

    static final String REQUESTS = "cds.fhir.requests";
    static final String FAILURES = "cds.fhir.failures";

    private static final Duration[] BUCKETS = {Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofMillis(2500), Duration.ofSeconds(5)};

    private final MeterRegistry meters;

    FetchMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public void requested(FetchOutcome outcome, Duration took) {
        Timer.builder(REQUESTS)
                .description("Requests to the EHR's FHIR server, by outcome")
                .tag("outcome", outcome.tag())
                .serviceLevelObjectives(BUCKETS)
                .register(meters)
                .record(took);
    }

    @Override
    public void failed(FetchOutcome cause) {
        meters.counter(FAILURES, "cause", cause.tag()).increment();
    }
}
