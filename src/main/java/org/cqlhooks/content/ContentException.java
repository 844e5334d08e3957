package org.cqlhooks.content;

/**
 * Bundled content (a CQL library, a service definition, a ValueSet, a site parameter) is broken. Thrown at
 * start-up so the server never serves half-valid content; the message names the file and what is wrong.
 */
public class ContentException extends RuntimeException {

    public ContentException(String message) {
        super(message);
    }

    public ContentException(String message, Throwable cause) {
        super(message, cause);
    }
}
