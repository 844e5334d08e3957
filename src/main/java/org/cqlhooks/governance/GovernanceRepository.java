package org.cqlhooks.governance;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.cqlhooks.feedback.CardFeedback;
import org.cqlhooks.feedback.IssuedCard;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The governance tables (db/migration/V1__governance.sql) through Spring's JDBC support. Portable SQL only: the same
 * statements run on PostgreSQL and H2. Times are written as UTC {@link OffsetDateTime}s.
 */
@Repository
class GovernanceRepository {

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;
    private final TransactionTemplate transaction;

    GovernanceRepository(JdbcClient jdbc, NamedParameterJdbcTemplate batch, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.transaction = transaction;
    }

    /** Writes the cards in one batch, in one transaction. */
    void insertIssued(List<IssuedCardRow> cards) {
        SqlParameterSource[] rows = cards.stream().map(c -> new MapSqlParameterSource()
                .addValue("uuid", c.uuid()).addValue("service", c.service()).addValue("cardId", c.cardId())
                .addValue("indicator", c.indicator()).addValue("hookInstance", c.hookInstance())
                .addValue("client", c.client()).addValue("patientHash", c.patientHash())
                .addValue("issuedAt", utc(c.issuedAt())).addValue("issuedDay", day(c.issuedAt())))
                .toArray(SqlParameterSource[]::new);
        transaction.executeWithoutResult(status -> batch.batchUpdate("""
                INSERT INTO issued_card (uuid, service, card_id, indicator, hook_instance, client, patient_hash,
                                         issued_at, issued_day)
                VALUES (:uuid, :service, :cardId, :indicator, :hookInstance, :client, :patientHash, :issuedAt,
                        :issuedDay)""", rows));
    }

    Optional<IssuedCard> issued(String service, String uuid, String client) {
        return jdbc.sql("""
                SELECT uuid, card_id, issued_at FROM issued_card
                WHERE uuid = :uuid AND service = :service AND client = :client""")
                .param("uuid", uuid).param("service", service).param("client", client)
                .query((rs, n) -> new IssuedCard(rs.getString("uuid"), rs.getString("card_id"),
                        rs.getObject("issued_at", OffsetDateTime.class).toInstant()))
                .optional();
    }

    boolean feedbackExists(String cardUuid, String key) {
        return jdbc.sql("SELECT COUNT(*) FROM card_feedback WHERE card_uuid = :card AND feedback_key = :key")
                .param("card", cardUuid).param("key", key).query(Long.class).single() > 0;
    }

    /**
     * Inserts the feedback and its accepted suggestions in one transaction. A repeat breaks the primary key
     * (the caller checks first; two replicas can still race) and inserts nothing.
     */
    void insertFeedback(CardFeedback feedback, String key, Instant received) {
        transaction.executeWithoutResult(status -> {
            jdbc.sql("""
                    INSERT INTO card_feedback (card_uuid, feedback_key, outcome, reason_system, reason_code,
                                               reason_display, user_comment, outcome_at, received_at)
                    VALUES (:card, :key, :outcome, :system, :code, :display, :comment, :outcomeAt, :receivedAt)""")
                    .param("card", feedback.card()).param("key", key).param("outcome", feedback.outcome().code())
                    .param("system", feedback.reason() == null ? null : feedback.reason().system())
                    .param("code", feedback.reason() == null ? null : feedback.reason().code())
                    .param("display", feedback.reason() == null ? null : feedback.reason().display())
                    .param("comment", feedback.userComment())
                    .param("outcomeAt", utc(feedback.outcomeTimestamp())).param("receivedAt", utc(received))
                    .update();
            for (String suggestion : feedback.acceptedSuggestions()) {
                jdbc.sql("""
                        INSERT INTO accepted_suggestion (card_uuid, feedback_key, suggestion_id)
                        VALUES (:card, :key, :suggestion)""")
                        .param("card", feedback.card()).param("key", key).param("suggestion", suggestion).update();
            }
        });
    }

    /** Deletes cards issued before {@code cutoff}, their feedback with them (ON DELETE CASCADE). */
    int purgeIssuedBefore(Instant cutoff) {
        return jdbc.sql("DELETE FROM issued_card WHERE issued_at < :cutoff").param("cutoff", utc(cutoff)).update();
    }

    JdbcClient jdbc() {
        return jdbc;
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static LocalDate day(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toLocalDate();
    }
}
