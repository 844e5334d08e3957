package org.cqlhooks.governance;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cqlhooks.governance.CardFigures.Day;
import org.cqlhooks.governance.CardFigures.ReasonCount;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What the CDS committee reads: per service and card ID, how many cards were issued, accepted and overridden, and
 * why. Counts are of cards issued in the query's window, with all the feedback on them, so rates stay within 0-100%.
 */
@Service
public class CardAnalytics {

    private static final String ACCEPTED = "CASE WHEN EXISTS (SELECT 1 FROM card_feedback f WHERE f.card_uuid = c.uuid"
            + " AND f.outcome = 'accepted') THEN 1 ELSE 0 END";
    private static final String OVERRIDDEN = "CASE WHEN EXISTS (SELECT 1 FROM card_feedback f WHERE f.card_uuid = c.uuid"
            + " AND f.outcome = 'overridden') THEN 1 ELSE 0 END";

    private final JdbcClient jdbc;

    CardAnalytics(GovernanceRepository repository) {
        this.jdbc = repository.jdbc();
    }

    public CardFigures.Report cards(AnalyticsQuery query) {
        Map<String, List<ReasonCount>> reasons = reasons(query);
        Map<String, Object> params = new HashMap<>();
        String where = where(query, params);
        List<CardFigures> rows = Unavailable.unlessDatabaseDown(() -> jdbc.sql(
                "SELECT c.service, c.card_id, COUNT(*) AS issued, SUM(" + ACCEPTED + ") AS accepted, SUM("
                        + OVERRIDDEN + ") AS overridden FROM issued_card c" + where
                        + " GROUP BY c.service, c.card_id ORDER BY c.service, c.card_id")
                .params(params)
                .query((rs, n) -> new CardFigures(rs.getString("service"), rs.getString("card_id"),
                        rs.getLong("issued"), rs.getLong("accepted"), rs.getLong("overridden"),
                        reasons.getOrDefault(rs.getString("service") + "\n" + rs.getString("card_id"), List.of())))
                .list());
        return new CardFigures.Report(rows);
    }

    public CardFigures.DailyReport daily(AnalyticsQuery query) {
        Map<String, Object> params = new HashMap<>();
        String where = where(query, params);
        List<Day> days = Unavailable.unlessDatabaseDown(() -> jdbc.sql(
                "SELECT c.service, c.card_id, c.issued_day, COUNT(*) AS issued, SUM(" + ACCEPTED + ") AS accepted, SUM("
                        + OVERRIDDEN + ") AS overridden FROM issued_card c" + where
                        + " GROUP BY c.service, c.card_id, c.issued_day ORDER BY c.service, c.card_id, c.issued_day")
                .params(params)
                .query((rs, n) -> new Day(rs.getString("service"), rs.getString("card_id"),
                        rs.getObject("issued_day", LocalDate.class), rs.getLong("issued"), rs.getLong("accepted"),
                        rs.getLong("overridden")))
                .list());
        return new CardFigures.DailyReport(days);
    }

    private Map<String, List<ReasonCount>> reasons(AnalyticsQuery query) {
        Map<String, Object> params = new HashMap<>();
        String where = where(query, params);
        List<Map.Entry<String, ReasonCount>> rows = Unavailable.unlessDatabaseDown(() -> jdbc.sql(
                "SELECT c.service, c.card_id, f.reason_system, f.reason_code, MAX(f.reason_display) AS display,"
                        + " COUNT(DISTINCT f.card_uuid) AS n FROM card_feedback f JOIN issued_card c"
                        + " ON c.uuid = f.card_uuid" + where + (where.isEmpty() ? " WHERE" : " AND")
                        + " f.outcome = 'overridden' AND f.reason_code IS NOT NULL"
                        + " GROUP BY c.service, c.card_id, f.reason_system, f.reason_code"
                        + " ORDER BY n DESC, f.reason_system, f.reason_code")
                .params(params)
                .query((rs, n) -> Map.entry(rs.getString("service") + "\n" + rs.getString("card_id"),
                        new ReasonCount(rs.getString("reason_system"), rs.getString("reason_code"),
                                rs.getString("display"), rs.getLong("n"))))
                .list());
        Map<String, List<ReasonCount>> byCard = new LinkedHashMap<>();
        rows.forEach(r -> byCard.computeIfAbsent(r.getKey(), k -> new ArrayList<>()).add(r.getValue()));
        return byCard;
    }

    private static String where(AnalyticsQuery query, Map<String, Object> params) {
        List<String> conditions = new ArrayList<>();
        if (query.from() != null) {
            conditions.add("c.issued_at >= :from");
            params.put("from", GovernanceRepository.utc(query.from()));
        }
        if (query.to() != null) {
            conditions.add("c.issued_at < :to");
            params.put("to", GovernanceRepository.utc(query.to()));
        }
        if (query.service() != null) {
            conditions.add("c.service = :service");
            params.put("service", query.service());
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }
}
