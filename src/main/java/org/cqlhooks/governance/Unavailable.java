package org.cqlhooks.governance;

import java.util.function.Supplier;
import org.cqlhooks.wire.CdsError;
import org.cqlhooks.wire.CdsException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;

/**
 * Reads and writes a caller waits for (feedback, analytics): the database unreachable is a 503 the client may
 * retry; any other failure stays a fault of this server (500).
 */
final class Unavailable {

    private Unavailable() {
    }

    static <T> T unlessDatabaseDown(Supplier<T> work) {
        try {
            return work.get();
        } catch (DataAccessResourceFailureException | TransientDataAccessException | RecoverableDataAccessException e) {
            throw new CdsException(CdsError.STORE_UNAVAILABLE,
                    "The governance database is unavailable; try again later");
        }
    }
}
