package org.cqlhooks.governance;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;

/**
 * The figures of one card (service and card ID): cards issued, how many of them clinicians accepted and overrode
 * (a card counts once per outcome, however often it was reported), and the override reasons given, most frequent
 * first.
 */
public record CardFigures(String service, String card, long issued, long accepted, long overridden,
        @JsonInclude(JsonInclude.Include.ALWAYS) List<ReasonCount> overrideReasons) {

    /** How many overridden cards gave this reason. */
    public record ReasonCount(String system, String code, String display, long count) {
    }

    /** The figures of one card on one UTC day (by the day the cards were issued). */
    public record Day(String service, String card, LocalDate day, long issued, long accepted, long overridden) {
    }

    /** {@code GET /analytics/cards}. */
    public record Report(@JsonInclude(JsonInclude.Include.ALWAYS) List<CardFigures> cards) {
    }

    /** {@code GET /analytics/cards/daily}. */
    public record DailyReport(@JsonInclude(JsonInclude.Include.ALWAYS) List<Day> days) {
    }
}
