package org.cqlhooks.governance;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the database being down costs the record. While it is down, cards wait in the queue; those that do not fit
 * (or are still waiting when the server stops) are not recorded, and each is counted (metric
 * {@code cds.governance.unrecorded}). An outage is logged once when it starts and once when recording resumes,
 * however many cards it costs. Only the exception's type is logged: driver messages can quote statement values.
 */
final class RecordingGap {

    private static final Logger log = LoggerFactory.getLogger(RecordingGap.class);

    private final Counter queueFull;
    private final Counter stopped;
    private final AtomicBoolean databaseDown = new AtomicBoolean();
    private final AtomicBoolean queueWasFull = new AtomicBoolean();
    private final AtomicLong lostMeanwhile = new AtomicLong();
    private final int capacity;

    RecordingGap(MeterRegistry meters, int capacity) {
        String what = "Cards answered but not recorded in the governance database";
        this.queueFull = Counter.builder("cds.governance.unrecorded").tag("reason", "queue-full").description(what)
                .register(meters);
        this.stopped = Counter.builder("cds.governance.unrecorded").tag("reason", "stopped").description(what)
                .register(meters);
        this.capacity = capacity;
    }

    void writeFailed(Throwable e) {
        if (databaseDown.compareAndSet(false, true)) {
            log.warn("Governance database unavailable ({}): calls are answered; their cards wait to be recorded "
                    + "(at most {}, cds.governance.queue-capacity) and beyond that are not recorded (counted in metric "
                    + "cds.governance.unrecorded)", e.getClass().getName(), capacity);
        }
    }

    void queueFull(int cards) {
        queueFull.increment(cards);
        lostMeanwhile.addAndGet(cards);
        if (queueWasFull.compareAndSet(false, true) && !databaseDown.get()) {
            log.warn("Governance recording queue full: calls are answered, but their cards are not recorded until "
                    + "the database catches up (counted in metric cds.governance.unrecorded)");
        }
    }

    void notWrittenAtStop(int cards) {
        if (cards > 0) {
            stopped.increment(cards);
            log.warn("Governance recording stopped with {} cards not written", cards);
        }
    }

    void written() {
        boolean wasDown = databaseDown.getAndSet(false);
        boolean wasFull = queueWasFull.getAndSet(false);
        if (wasDown || wasFull) {
            log.info("Governance recording resumed; {} cards were not recorded meanwhile", lostMeanwhile.getAndSet(0));
        }
    }
}
