package org.cqlhooks.trust;

import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The {@code jti} values used, each kept until its token expires (2.0.1: jti "used to protect against replay
 * attacks"), in the database every replica shares (table {@code jti_replay}, migration V100): a token used on one
 * replica is refused on all. Recording is one INSERT that the primary key on (issuer, jti) makes fail for a jti
 * already there, so two replicas racing on the same token cannot both accept it. Expired rows are purged on a
 * schedule ({@link ReplayConfig}).
 */
@Component
class ReplayStore {

    /** Longer jti values are refused before they reach the database (the column holds 256 characters). */
    static final int MAX_JTI_LENGTH = 256;

    private static final Logger log = LoggerFactory.getLogger(ReplayStore.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;

    ReplayStore(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Records the token; false when the same issuer's jti was already used and has not expired yet.
     *
     * @throws DataAccessException when the database does not answer (the caller answers 503, never "first use")
     */
    boolean firstUse(String issuer, String jti, Instant expires) {
        long now = clock.instant().getEpochSecond();
        try {
            jdbc.update("INSERT INTO jti_replay (issuer, jti, expires_at) VALUES (?, ?, ?)", issuer, jti,
                    expires.getEpochSecond());
            return true;
        } catch (DuplicateKeyException used) {
            // A row whose token expired (not purged yet) no longer blocks: taking it over is one conditional
            // UPDATE, so of two replicas racing for it only one sees a row changed.
            return jdbc.update("UPDATE jti_replay SET expires_at = ? WHERE issuer = ? AND jti = ? AND expires_at < ?",
                    expires.getEpochSecond(), issuer, jti, now) == 1;
        }
    }

    /** Deletes the rows of expired tokens; replicas may all run it (deleting is idempotent). */
    int purgeExpired() {
        try {
            int deleted = jdbc.update("DELETE FROM jti_replay WHERE expires_at < ?", clock.instant().getEpochSecond());
            log.debug("jti replay record: {} expired rows deleted", deleted);
            return deleted;
        } catch (DataAccessException e) {
            log.warn("jti replay record: purge failed ({}); the next run tries again", e.getClass().getName());
            return 0;
        }
    }
}
