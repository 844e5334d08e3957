package org.cqlhooks.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Empties the governance record of a shared Spring context for a test that counts figures from zero: the other test
 * classes of the context issue cards too. Cards still queued from earlier calls are written first, so none lands
 * after the clean-up.
 */
final class EmptyRecord {

    private EmptyRecord() {
    }

    static void clear(CardRecorder recorder, JdbcClient jdbc) {
        assertThat(recorder.awaitWritten(Duration.ofMinutes(1))).as("earlier cards are written").isTrue();
        jdbc.sql("DELETE FROM accepted_suggestion").update();
        jdbc.sql("DELETE FROM card_feedback").update();
        jdbc.sql("DELETE FROM issued_card").update();
    }
}
