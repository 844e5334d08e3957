package org.cqlhooks.prefetch;

/**
 * How one request to the EHR's FHIR server ended, and why a call's fetching failed: a fixed set, so whoever counts
 * them (the metrics) has a bounded set of names.
 */
public enum FetchOutcome {
    /** The answer was read: a resource or a searchset page. */
    OK("ok"),
    /** A read (Type/id) answered 404 or 410: no such resource, not a failure. */
    NOT_FOUND("not-found"),
    /** 401 or 403: the FHIR server refused the access token. */
    REFUSED("refused"),
    /** Any other status outside 2xx. */
    HTTP_ERROR("http-error"),
    /** A 2xx answer that is not FHIR JSON. */
    NOT_FHIR("not-fhir"),
    /** A 2xx answer holding an OperationOutcome. */
    OPERATION_OUTCOME("operation-outcome"),
    /** One request took longer than the read timeout. */
    TIMEOUT("timeout"),
    /** The connection could not be opened. */
    UNREACHABLE("unreachable"),
    /** The connection broke while sending or reading. */
    CONNECTION_FAILED("connection-failed"),
    /** An answer over {@code cds.fhir-client.max-response-size}. */
    TOO_LARGE("too-large"),
    /** The call's deadline passed before all queries were answered. */
    DEADLINE("deadline"),
    /** A query had more pages than {@code cds.fhir-client.max-pages}. */
    TOO_MANY_PAGES("too-many-pages"),
    /** The queries returned more resources than {@code cds.fhir-client.max-resources}. */
    TOO_MANY_RESOURCES("too-many-resources"),
    /** A searchset's next link is not a URL or leaves the FHIR server's origin. */
    BAD_NEXT_LINK("bad-next-link"),
    /** Anything else (the fetch was interrupted, an unexpected failure). */
    OTHER("other");

    private final String tag;

    FetchOutcome(String tag) {
        this.tag = tag;
    }

    /** The lower-case name reported in metrics. */
    public String tag() {
        return tag;
    }
}
