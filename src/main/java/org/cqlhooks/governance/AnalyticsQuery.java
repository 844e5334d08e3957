package org.cqlhooks.governance;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import org.cqlhooks.wire.CdsException;

/**
 * Which cards the figures count: those issued in [{@code from}, {@code to}), optionally of one service. Either bound
 * may be null (open).
 */
public record AnalyticsQuery(Instant from, Instant to, String service) {

    private static final Pattern SERVICE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /**
     * From request parameters: {@code from} and {@code to} are UTC dates ({@code 2026-01-31}, both days counted) or
     * RFC 3339 date-times ({@code to} exclusive); {@code service} a service id. Blank means absent.
     */
    public static AnalyticsQuery parse(String from, String to, String service) {
        Instant start = bound("from", from, false);
        Instant end = bound("to", to, true);
        if (start != null && end != null && !start.isBefore(end)) {
            throw CdsException.invalid("to", "to must be after from");
        }
        String id = blank(service) ? null : service;
        if (id != null && !SERVICE.matcher(id).matches()) {
            throw CdsException.invalid("service", "service must be a service id");
        }
        return new AnalyticsQuery(start, end, id);
    }

    private static Instant bound(String name, String value, boolean end) {
        if (blank(value)) {
            return null;
        }
        try {
            if (DATE.matcher(value).matches()) {
                LocalDate day = LocalDate.parse(value);
                return (end ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw CdsException.invalid(name, name + " must be a date (2026-01-31) or an RFC 3339 date-time "
                    + "(2026-01-31T12:00:00Z)");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
