package org.cqlhooks.http;

import java.util.List;

/**
 * What the call log reports about one call, filled in as the call proceeds: identifiers and counts only, never the
 * token, the JWT or resource contents. One per request (a request attribute), never shared between calls; filled
 * by {@link CallLogEvents} from what the call announces.
 */
final class CallRecord {

    static final String ATTRIBUTE = CallRecord.class.getName();

    private volatile String hookInstance;
    private volatile String client;
    private volatile Integer cards;
    private volatile Integer fhirCalls;
    private volatile Integer skipped;
    private volatile List<String> failedLibraries = List.of();

    void hookInstance(String hookInstance) {
        this.hookInstance = hookInstance;
    }

    void client(String issuer) {
        this.client = issuer;
    }

    void cards(int cards) {
        this.cards = cards;
    }

    void fhirCalls(int fhirCalls) {
        this.fhirCalls = fhirCalls;
    }

    /** Prefetch entries left unread because no rule of the service reads them. */
    void skipped(int resources) {
        this.skipped = resources;
    }

    /** The libraries that could not be evaluated (the answer carries an EVAL-ERROR card for each). */
    void failedLibraries(List<String> libraries) {
        this.failedLibraries = List.copyOf(libraries);
    }

    String hookInstance() {
        return hookInstance;
    }

    String client() {
        return client;
    }

    Integer cards() {
        return cards;
    }

    Integer fhirCalls() {
        return fhirCalls;
    }

    Integer skipped() {
        return skipped;
    }

    List<String> failedLibraries() {
        return failedLibraries;
    }
}
