package org.cqlhooks.governance;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cards answered but not recorded. Each is counted (metric {@code cds.governance.unrecorded}, by reason); an outage
 * is logged once when it starts and once when recording works again, however many cards it costs. Only the
 * exception's type is logged: driver messages can quote the values of the statement.
 */
final class RecordingGap {

    private static final Logger log = LoggerFactory.getLogger(RecordingGap.class);

    private final Counter database;
    private final Counter queueFull;
    private final AtomicBoolean databaseDown = new AtomicBoolean();
    private final AtomicBoolean queueWasFull = new AtomicBoolean();
    private final AtomicLong sinceLogged = new AtomicLong();

    RecordingGap(MeterRegistry meters) {
        this.database = Counter.builder("cds.governance.unrecorded").tag("reason", "database")
                .description("Cards answered but not recorded in the governance database").register(meters);
        this.queueFull = Counter.builder("cds.governance.unrecorded").tag("reason", "queue-full")
                .description("Cards answered but not recorded in the governance database").register(meters);
    }

    void writeFailed(int cards, Exception e) {
        database.increment(cards);
        sinceLogged.addAndGet(cards);
        if (databaseDown.compareAndSet(false, true)) {
            log.warn("Governance database unavailable ({}): calls are answered, but their cards are not recorded "
                    + "until it is back (counted in metric cds.governance.unrecorded)", e.getClass().getName());
        }
    }

    void queueFull(int cards) {
        queueFull.increment(cards);
        sinceLogged.addAndGet(cards);
        if (queueWasFull.compareAndSet(false, true)) {
            log.warn("Governance recording queue full: calls are answered, but their cards are not recorded until "
                    + "the database catches up (counted in metric cds.governance.unrecorded)");
        }
    }

    void written() {
        boolean wasDown = databaseDown.getAndSet(false);
        boolean wasFull = queueWasFull.getAndSet(false);
        if (wasDown || wasFull) {
            log.info("Governance recording resumed; {} cards were not recorded meanwhile", sinceLogged.getAndSet(0));
        }
    }

    /** Cards not recorded since the process started. */
    long total() {
        return (long) (database.count() + queueFull.count());
    }
}
