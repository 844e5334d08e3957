package org.cqlhooks.prefetch;

import java.net.URI;

/**
 * Whether this call may send its access token to the request's {@code fhirServer}. Prefetch asks before it fetches
 * anything; the answer depends on who is calling, which the data path does not know, so it is implemented above it
 * (the trust package's FhirServerGuard).
 */
public interface FhirServerPolicy {

    /** Returns when the server may be called; otherwise throws a CdsException (FHIR_SERVER_REFUSED, 412). */
    void check(URI fhirServer);
}
