package org.cqlhooks.wire;

import java.io.IOException;

/** Reading the request body went past {@code cds.limits.max-body-size}: answered 413, whoever notices it. */
public class BodyTooLargeException extends IOException {

    public BodyTooLargeException(long limit) {
        super("The request body is larger than " + limit + " bytes");
    }
}
