package org.cqlhooks.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import javax.sql.DataSource;
import org.cqlhooks.feedback.CardFeedback;
import org.cqlhooks.feedback.CardFeedback.Outcome;
import org.cqlhooks.feedback.IssuedCard;
import org.cqlhooks.governance.CardFigures.Day;
import org.cqlhooks.governance.CardFigures.ReasonCount;
import org.cqlhooks.wire.Coding;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The repository and the analytics queries on PostgreSQL and H2, on the migrated schema: cards found only for
 * their service and client, feedback kept once, figures after a known sequence of cards and feedback, retention.
 */
class GovernanceRepositoryTest {

    static final Instant DAY_1 = Instant.parse("2026-03-01T10:00:00.123456Z");
    static final Instant DAY_2 = Instant.parse("2026-03-02T09:00:00Z");
    static final String EHR = "https://ehr.example.org";
    static final Coding R1 = new Coding("http://example.org/reason", "r1", "Reason one");
    static final Coding R2 = new Coding("http://example.org/reason", "r2", "Reason two");

    private GovernanceRepository repository;
    private CardAnalytics analytics;
    private JdbcClient jdbc;

    private void open(Databases kind) {
        DataSource ds = kind.fresh();
        MigrationTest.flyway(ds).migrate();
        jdbc = JdbcClient.create(ds);
        repository = new GovernanceRepository(jdbc, new NamedParameterJdbcTemplate(ds),
                new TransactionTemplate(new DataSourceTransactionManager(ds)));
        analytics = new CardAnalytics(repository);
    }

    private static IssuedCardRow card(String uuid, String service, String cardId, Instant at) {
        return new IssuedCardRow(uuid, service, cardId, "warning", "hook-" + uuid, EHR, "ab".repeat(32), at);
    }

    private void feedback(String card, Outcome outcome, List<String> suggestions, Coding reason, Instant at) {
        CardFeedback f = new CardFeedback(card, outcome, suggestions, reason, null, at);
        repository.insertFeedback(f, GovernanceFeedbackStore.key(f), at.plusSeconds(1));
    }

    private long count(String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void aCardIsFoundOnlyForTheServiceAndClientItWasIssuedTo(Databases kind) {
        open(kind);
        repository.insertIssued(List.of(card("u1", "svc-a", "CARD-A", DAY_1)));
        assertThat(repository.issued("svc-a", "u1", EHR)).contains(new IssuedCard("u1", "CARD-A", DAY_1));
        assertThat(repository.issued("svc-b", "u1", EHR)).isEmpty();
        assertThat(repository.issued("svc-a", "u1", "https://other-ehr.example.org")).isEmpty();
        assertThat(repository.issued("svc-a", "u2", EHR)).isEmpty();
        assertThat(jdbc.sql("SELECT issued_day FROM issued_card").query(LocalDate.class).single())
                .isEqualTo(LocalDate.of(2026, 3, 1));
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void theSameFeedbackIsKeptOnceWithItsSuggestionsAndComment(Databases kind) {
        open(kind);
        repository.insertIssued(List.of(card("u1", "svc-a", "CARD-A", DAY_1)));
        CardFeedback f = new CardFeedback("u1", Outcome.OVERRIDDEN, List.of(), R1, "Comment ö", DAY_1.plusSeconds(5));
        String key = GovernanceFeedbackStore.key(f);
        assertThat(repository.feedbackExists("u1", key)).isFalse();
        repository.insertFeedback(f, key, DAY_1.plusSeconds(6));
        assertThat(repository.feedbackExists("u1", key)).isTrue();
        assertThatThrownBy(() -> repository.insertFeedback(f, key, DAY_1.plusSeconds(7)))
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(count("card_feedback")).isEqualTo(1);
        assertThat(jdbc.sql("SELECT user_comment FROM card_feedback").query(String.class).single())
                .isEqualTo("Comment ö");

        CardFeedback accepted = new CardFeedback("u1", Outcome.ACCEPTED, List.of("s1", "s2"), null, null,
                DAY_1.plusSeconds(9));
        repository.insertFeedback(accepted, GovernanceFeedbackStore.key(accepted), DAY_1.plusSeconds(10));
        assertThat(jdbc.sql("SELECT suggestion_id FROM accepted_suggestion ORDER BY suggestion_id")
                .query(String.class).list()).containsExactly("s1", "s2");
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void figuresAfterAKnownSequenceOfCardsAndFeedback(Databases kind) {
        open(kind);
        repository.insertIssued(List.of(card("a1", "svc-a", "CARD-A", DAY_1), card("a2", "svc-a", "CARD-A", DAY_1),
                card("a3", "svc-a", "CARD-A", DAY_2), card("b1", "svc-a", "CARD-B", DAY_2),
                card("c1", "svc-b", "CARD-A", DAY_2)));
        // a1: accepted twice (two suggestions, two acts), later overridden without a reason.
        feedback("a1", Outcome.ACCEPTED, List.of("s1"), null, DAY_1.plusSeconds(60));
        feedback("a1", Outcome.ACCEPTED, List.of("s2"), null, DAY_1.plusSeconds(120));
        feedback("a1", Outcome.OVERRIDDEN, List.of(), null, DAY_1.plusSeconds(180));
        // a2: overridden with r1, then again with r2; a3 with r1; c1 (other service) with r2; b1: no feedback.
        feedback("a2", Outcome.OVERRIDDEN, List.of(), R1, DAY_1.plusSeconds(60));
        feedback("a2", Outcome.OVERRIDDEN, List.of(), R2, DAY_1.plusSeconds(90));
        feedback("a3", Outcome.OVERRIDDEN, List.of(), R1, DAY_2.plusSeconds(60));
        feedback("c1", Outcome.OVERRIDDEN, List.of(), R2, DAY_2.plusSeconds(60));

        assertThat(analytics.cards(new AnalyticsQuery(null, null, null)).cards()).containsExactly(
                new CardFigures("svc-a", "CARD-A", 3, 1, 3, List.of(reason(R1, 2), reason(R2, 1))),
                new CardFigures("svc-a", "CARD-B", 1, 0, 0, List.of()),
                new CardFigures("svc-b", "CARD-A", 1, 0, 1, List.of(reason(R2, 1))));
        assertThat(analytics.cards(AnalyticsQuery.parse(null, null, "svc-b")).cards()).containsExactly(
                new CardFigures("svc-b", "CARD-A", 1, 0, 1, List.of(reason(R2, 1))));
        assertThat(analytics.cards(AnalyticsQuery.parse("2026-03-02", null, "svc-a")).cards()).containsExactly(
                new CardFigures("svc-a", "CARD-A", 1, 0, 1, List.of(reason(R1, 1))),
                new CardFigures("svc-a", "CARD-B", 1, 0, 0, List.of()));
        // "to" as a date counts that whole day.
        assertThat(analytics.cards(AnalyticsQuery.parse(null, "2026-03-01", null)).cards()).containsExactly(
                new CardFigures("svc-a", "CARD-A", 2, 1, 2, List.of(reason(R1, 1), reason(R2, 1))));
        assertThat(analytics.cards(AnalyticsQuery.parse("2026-03-03", null, null)).cards()).isEmpty();

        assertThat(analytics.daily(AnalyticsQuery.parse(null, null, "svc-a")).days()).containsExactly(
                new Day("svc-a", "CARD-A", LocalDate.of(2026, 3, 1), 2, 1, 2),
                new Day("svc-a", "CARD-A", LocalDate.of(2026, 3, 2), 1, 0, 1),
                new Day("svc-a", "CARD-B", LocalDate.of(2026, 3, 2), 1, 0, 0));
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void retentionDeletesOldCardsWithTheirFeedbackAndKeepsNewOnes(Databases kind) {
        open(kind);
        repository.insertIssued(List.of(card("old", "svc-a", "CARD-A", DAY_1), card("new", "svc-a", "CARD-A", DAY_2)));
        feedback("old", Outcome.ACCEPTED, List.of("s1"), null, DAY_1.plusSeconds(60));
        feedback("new", Outcome.ACCEPTED, List.of("s1"), null, DAY_2.plusSeconds(60));

        assertThat(repository.purgeIssuedBefore(DAY_2)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT uuid FROM issued_card").query(String.class).list()).containsExactly("new");
        assertThat(jdbc.sql("SELECT card_uuid FROM card_feedback").query(String.class).list()).containsExactly("new");
        assertThat(jdbc.sql("SELECT card_uuid FROM accepted_suggestion").query(String.class).list())
                .containsExactly("new");
        assertThat(repository.purgeIssuedBefore(DAY_2)).isZero();
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void theScheduledPurgeKeepsWhatIsWithinTheRetention(Databases kind) {
        open(kind);
        repository.insertIssued(List.of(card("old", "svc-a", "CARD-A", DAY_1), card("new", "svc-a", "CARD-A", DAY_2)));
        // 400 days after DAY_2's start: DAY_1 is past the retention, DAY_2 (09:00) still within it.
        java.time.Clock later = java.time.Clock.fixed(Instant.parse("2027-04-06T00:00:00Z"), java.time.ZoneOffset.UTC);
        RetentionPurge purge = new RetentionPurge(repository, new GovernanceProperties(null,
                java.time.Duration.ofDays(400), java.time.Duration.ofHours(6), 10), later);
        assertThat(purge.purge()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT uuid FROM issued_card").query(String.class).list()).containsExactly("new");
    }

    private static ReasonCount reason(Coding r, long count) {
        return new ReasonCount(r.system(), r.code(), r.display(), count);
    }
}
