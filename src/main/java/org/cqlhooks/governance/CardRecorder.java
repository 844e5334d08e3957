package org.cqlhooks.governance;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.cqlhooks.invocation.ServiceCallEvent;
import org.cqlhooks.wire.Card;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Records every card a call answers, without slowing or failing the call: the listener (on the calling thread)
 * only builds the rows and offers them to a bounded queue; one writer thread takes them in batches to the database,
 * holding a batch it cannot write until the database is back. Only a full queue (or a stop while the database is
 * down) costs records, and never answers ({@link RecordingGap} counts them).
 */
@Component
class CardRecorder implements SmartLifecycle {

    private static final int BATCH = 500;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final BlockingQueue<IssuedCardRow> queue;
    private final GovernanceRepository repository;
    private final PatientHasher hasher;
    private final Clock clock;
    private final RecordingGap gap;
    /** Cards queued or being written: what feedback may have to wait for. */
    private final AtomicLong pending = new AtomicLong();
    private volatile boolean running;
    private volatile Thread writer;

    CardRecorder(GovernanceProperties settings, GovernanceRepository repository, PatientHasher hasher, Clock clock,
            MeterRegistry meters) {
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.repository = repository;
        this.hasher = hasher;
        this.clock = clock;
        this.gap = new RecordingGap(meters, settings.queueCapacity());
        Gauge.builder("cds.governance.queue", queue, BlockingQueue::size)
                .description("Issued cards waiting to be written to the governance database").register(meters);
    }

    @EventListener
    void answered(ServiceCallEvent.Answered call) {
        if (call.cards().isEmpty()) {
            return;
        }
        String client = Callers.current();
        String patient = hasher.hash(call.patientId());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS); // what both databases keep
        for (Card card : call.cards()) {
            String cardId = card.source().topic() == null ? "-" : card.source().topic().code();
            IssuedCardRow row = new IssuedCardRow(card.uuid(), call.service(), cardId, card.indicator().code(),
                    call.hookInstance(), client, patient, now);
            pending.incrementAndGet();
            if (!running || !queue.offer(row)) {
                pending.decrementAndGet();
                gap.queueFull(1);
            }
        }
    }

    /** Waits (at most {@code timeout}) until every card queued so far is written or given up; true if so. */
    boolean awaitWritten(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pending.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /**
     * Takes the queue in batches. A batch that cannot be written is kept and tried again every second (new cards
     * wait in the queue meanwhile), so a short outage loses nothing; once stopping, it is given up.
     */
    private void writeUntilStopped() {
        List<IssuedCardRow> batch = new ArrayList<>(BATCH);
        while (running || !queue.isEmpty() || !batch.isEmpty()) {
            try {
                if (batch.isEmpty()) {
                    IssuedCardRow first = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    queue.drainTo(batch, BATCH - 1);
                }
                if (write(batch)) {
                    done(batch);
                } else if (!running) {
                    gap.notWrittenAtStop(batch.size());
                    done(batch);
                } else {
                    Thread.sleep(RETRY.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                gap.notWrittenAtStop(batch.size() + queue.size());
                return;
            }
        }
    }

    private void done(List<IssuedCardRow> batch) {
        pending.addAndGet(-batch.size());
        batch.clear();
    }

    private boolean write(List<IssuedCardRow> batch) {
        try {
            repository.insertIssued(batch);
            gap.written();
            return true;
        } catch (RuntimeException | AssertionError e) {
            // AssertionError too: with -ea, pgjdbc asserts when the server goes away mid-batch. The writer must
            // outlive any failed write, or recording would not resume.
            gap.writeFailed(e);
            return false;
        }
    }

    @Override
    public void start() {
        running = true;
        Thread thread = new Thread(this::writeUntilStopped, "governance-writer");
        thread.setDaemon(true);
        writer = thread;
        thread.start();
    }

    /** Writes what is queued, then stops (after the web server: the last calls' cards are recorded too). */
    @Override
    public void stop() {
        running = false;
        Thread thread = writer;
        if (thread == null) {
            return;
        }
        try {
            thread.join(STOP_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts before and stops after the web server (whose phases are DEFAULT_PHASE - 2048 and - 1024). */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
