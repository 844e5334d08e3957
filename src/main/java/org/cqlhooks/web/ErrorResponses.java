package org.cqlhooks.web;

import org.cqlhooks.wire.BodyTooLargeException;
import org.cqlhooks.wire.CdsError;
import org.cqlhooks.wire.CdsException;
import org.cqlhooks.wire.OperationOutcomes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Turns every failure into a JSON OperationOutcome with the status {@link CdsError} chose. */
@RestControllerAdvice
class ErrorResponses {

    private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);

    private final OperationOutcomes outcomes;

    ErrorResponses(OperationOutcomes outcomes) {
        this.outcomes = outcomes;
    }

    @ExceptionHandler(CdsException.class)
    ResponseEntity<String> cds(CdsException e) {
        return response(e.error(), e.getMessage(), e.field());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<String> unreadable(HttpMessageNotReadableException e) {
        if (e.getMostSpecificCause() instanceof BodyTooLargeException tooLarge) {
            return response(CdsError.PAYLOAD_TOO_LARGE, tooLarge.getMessage(), null);
        }
        return response(CdsError.MALFORMED_JSON, "The request body is missing or is not valid JSON", null);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<String> mediaType(HttpMediaTypeNotSupportedException e) {
        // A JSON body sent without the header (curl --data without -H) is the usual case: say which header is wanted.
        String message = e.getContentType() == null
                ? "The request has no Content-Type header; send the JSON body with Content-Type: application/json"
                : "Content-Type " + e.getContentType() + " is not accepted here; send the JSON body with "
                        + "Content-Type: application/json (curl: -H 'Content-Type: application/json')";
        return ResponseEntity.status(CdsError.UNSUPPORTED_MEDIA_TYPE.status())
                .header(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE)
                .contentType(MediaType.APPLICATION_JSON)
                .body(outcomes.json(CdsError.UNSUPPORTED_MEDIA_TYPE, message, null));
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<String> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        // The body is JSON all the same (RFC 9110 allows any representation with a 406): it says what to accept.
        return response(CdsError.NOT_ACCEPTABLE,
                "This server answers in application/json only; the request's Accept header excludes it", null);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<String> method(HttpRequestMethodNotSupportedException e) {
        Set<HttpMethod> allowed = e.getSupportedHttpMethods() == null ? Set.of() : e.getSupportedHttpMethods();
        String allow = allowed.stream().map(HttpMethod::name).sorted().collect(Collectors.joining(", "));
        return ResponseEntity.status(CdsError.METHOD_NOT_ALLOWED.status())
                .header(HttpHeaders.ALLOW, allow)
                .contentType(MediaType.APPLICATION_JSON)
                .body(outcomes.json(CdsError.METHOD_NOT_ALLOWED, "Method " + e.getMethod()
                        + " is not supported here" + (allow.isEmpty() ? "" : "; this path allows " + allow), null));
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    ResponseEntity<String> notFound(Exception e) {
        return response(CdsError.NOT_FOUND, "No such endpoint; services are listed at /cds-services", null);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<String> unexpected(Exception e) {
        // Only the type and location: exception messages can carry patient data.
        log.error("Unexpected failure: {} at {}", e.getClass().getName(), firstFrame(e));
        return response(CdsError.INTERNAL, "Internal error; the failure was logged", null);
    }

    private ResponseEntity<String> response(CdsError error, String message, String field) {
        return ResponseEntity.status(error.status())
                .contentType(MediaType.APPLICATION_JSON)
                .body(outcomes.json(error, message, field));
    }

    private static String firstFrame(Throwable e) {
        StackTraceElement[] trace = e.getStackTrace();
        return trace.length == 0 ? "?" : trace[0].toString();
    }
}
