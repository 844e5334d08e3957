package org.cqlhooks.wire;

/**
 * Every error status the server answers with, chosen in this one place. Each constant cites the part of
 * CDS Hooks 2.0.1 (or HTTP) that makes it the right code. Callers pick a constant, never a number.
 */
public enum CdsError {
    /** Body is not JSON at all. 2.0.1 "Calling a CDS Service": the request SHALL be a JSON POST body. */
    MALFORMED_JSON(400, "invalid"),
    /** JSON that breaks the request schema of 2.0.1 "HTTP Request" / the hook's context table. */
    INVALID_REQUEST(400, "invalid"),
    /** 2.0.1: the service is available at {baseUrl}/cds-services/{id}; an unknown id does not exist. */
    UNKNOWN_SERVICE(404, "not-found"),
    /** A path or method the server does not offer at all. */
    NOT_FOUND(404, "not-found"),
    /** RFC 9110 15.5.6: the method is not one the path offers; the answer carries {@code Allow}. */
    METHOD_NOT_ALLOWED(405, "not-supported"),
    /** 2.0.1 "Calling a CDS Service": the body is JSON ({@code Content-Type: application/json}); RFC 9110 15.5.16. */
    UNSUPPORTED_MEDIA_TYPE(415, "not-supported"),
    /**
     * Feedback naming a card this server did not issue (to this client, from this service). 2.0.1 "Feedback" defines
     * {@code card} as "The card.uuid from the CDS Hooks response": another value breaks that field of the body, so
     * it is a 400 naming the field, like every other invalid field. Not 404: the feedback endpoint exists, and the
     * spec gives a card no URL of its own that could be "not found".
     */
    UNKNOWN_CARD(400, "not-found"),
    /** RFC 9110 15.5.7: the caller's {@code Accept} excludes JSON, the only form of every answer here. */
    NOT_ACCEPTABLE(406, "not-supported"),
    /** The request names a hook other than the one the service is registered for (2.0.1 "Discovery": hook). */
    HOOK_MISMATCH(400, "invalid"),
    /** 2.0.1 "Prefetch Template": unable to obtain required data from prefetch or the FHIR server: SHALL be 412. */
    DATA_UNOBTAINABLE(412, "incomplete"),
    /**
     * 2.0.1 "Trusting CDS Clients": the JWT is missing or does not verify; in development mode (no trusted clients
     * configured), a caller that is not on this machine.
     */
    UNAUTHORIZED(401, "login"),
    /** An authenticated caller asking for an endpoint only this machine may use (operations endpoints). */
    FORBIDDEN(403, "forbidden"),
    /** A browser call (CORS, 2.0.1 "Cross-Origin Resource Sharing") from an origin this server does not allow. */
    CORS_REFUSED(403, "forbidden"),
    /**
     * The request's fhirServer is one this server will not call (not http(s), plain http to another host,
     * link-local or blocked address, outside the client's allowed servers): the data it would have supplied cannot
     * be obtained, which 2.0.1 "Prefetch Template" answers with 412.
     */
    FHIR_SERVER_REFUSED(412, "security"),
    /** A request body over the configured size limit (RFC 9110 15.5.14). */
    PAYLOAD_TOO_LARGE(413, "too-costly"),
    /** The request is well formed but exceeds a configured processing limit (resources, nesting). */
    LIMIT_EXCEEDED(400, "too-costly"),
    /**
     * More service calls at once than {@code cds.limits.max-concurrent-calls} plus its short queue: RFC 9110 15.6.4,
     * 503 "the server is currently unable to handle the request due to a temporary overload", sent with Retry-After
     * (RFC 9110 10.2.3) so the EHR retries later rather than every call slowing down.
     */
    OVERLOADED(503, "throttled"),
    /**
     * The database cannot be reached (RFC 9110 15.6.4: temporarily unable to handle the request; the client may send
     * it again): feedback can be neither checked against its card nor stored, and with trusted clients a token
     * cannot be checked against the jti replay record, so it is not judged (not a 401). Service calls otherwise
     * answer without recording.
     */
    STORE_UNAVAILABLE(503, "transient"),
    /** A fault of this server, never of the caller's input. */
    INTERNAL(500, "exception");

    private final int status;
    private final String issueType;

    CdsError(int status, String issueType) {
        this.status = status;
        this.issueType = issueType;
    }

    /** The HTTP status code: a plain number, so the data path that throws these knows no HTTP types. */
    public int status() {
        return status;
    }

    /** The FHIR OperationOutcome issue type (http://hl7.org/fhir/issue-type) reported in the error body. */
    public String issueType() {
        return issueType;
    }
}
