package org.cqlhooks.wire;

/**
 * A failure the caller should hear about: an error kind (which fixes the status), a message for people, and
 * optionally the request field at fault (a JSON path such as {@code context.patientId}).
 */
public class CdsException extends RuntimeException {

    private final CdsError error;
    private final String field;

    public CdsException(CdsError error, String message) {
        this(error, message, null);
    }

    public CdsException(CdsError error, String message, String field) {
        super(message);
        this.error = error;
        this.field = field;
    }

    public CdsError error() {
        return error;
    }

    /** The request field at fault, or null. */
    public String field() {
        return field;
    }

    public static CdsException invalid(String field, String message) {
        return new CdsException(CdsError.INVALID_REQUEST, message, field);
    }

    public static CdsException unobtainable(String message) {
        return new CdsException(CdsError.DATA_UNOBTAINABLE, message);
    }
}
