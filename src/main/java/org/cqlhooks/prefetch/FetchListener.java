package org.cqlhooks.prefetch;

import java.time.Duration;

/**
 * Hears what the {@link FhirFetcher} does, for whoever watches the EHR's FHIR servers (the metrics). Implemented
 * outside the data path; called on the fetching threads, so implementations must be quick and thread-safe. Only
 * outcomes and durations are told: never a URL, a token or a resource.
 */
public interface FetchListener {

    /** One HTTP request to the FHIR server ended, after {@code took}. */
    void requested(FetchOutcome outcome, Duration took);

    /** A call's data could not be fetched (the call answers 412), for {@code cause}. */
    void failed(FetchOutcome cause);
}
