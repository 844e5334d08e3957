package org.cqlhooks.prefetch;

import org.cqlhooks.wire.CdsError;
import org.cqlhooks.wire.CdsException;

/** Data that could not be fetched (412, like every unobtainable datum), with the cause the metrics count. */
final class FetchFailure extends CdsException {

    private final FetchOutcome cause;

    FetchFailure(FetchOutcome cause, String message) {
        super(CdsError.DATA_UNOBTAINABLE, message);
        this.cause = cause;
    }

    FetchOutcome outcome() {
        return cause;
    }
}
