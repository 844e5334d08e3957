package org.cqlhooks.governance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Deletes cards issued longer ago than {@code cds.governance.retention}, with their feedback. Run on a schedule by
 * {@link GovernanceConfig}; replicas sharing a database may all run it (deleting is idempotent).
 */
@Component
class RetentionPurge {

    private static final Logger log = LoggerFactory.getLogger(RetentionPurge.class);

    private final GovernanceRepository repository;
    private final Duration retention;
    private final Clock clock;

    RetentionPurge(GovernanceRepository repository, GovernanceProperties settings, Clock clock) {
        this.repository = repository;
        this.retention = settings.retention();
        this.clock = clock;
    }

    /** Returns how many cards were deleted (0 when the database is unavailable: the next run tries again). */
    int purge() {
        Instant cutoff = clock.instant().minus(retention);
        try {
            int deleted = repository.purgeIssuedBefore(cutoff);
            if (deleted > 0) {
                log.info("Governance retention ({}): deleted {} cards issued before {}, with their feedback",
                        retention, deleted, cutoff);
            }
            return deleted;
        } catch (DataAccessException e) {
            log.warn("Governance retention: purge failed ({}); the next run tries again", e.getClass().getName());
            return 0;
        }
    }
}
