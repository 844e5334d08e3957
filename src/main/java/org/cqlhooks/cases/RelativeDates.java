package org.cqlhooks.cases;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test cases carry dates relative to the evaluation time T, so they never go stale:
 * {@code ${T}}, {@code ${T-30d}}, {@code ${T+2h}}, {@code ${T-13mo}}, {@code ${T-50y}}; add {@code :date} for a
 * date without time ({@code ${T-4mo:date}}).
 */
public final class RelativeDates {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{T(?:([+-])(\\d+)(mo|d|h|m|y))?(:date)?}");

    private RelativeDates() {
    }

    /** The text with every placeholder replaced by its date (or date-time) relative to {@code t}. */
    public static String resolve(String text, ZonedDateTime t) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            ZonedDateTime at = t;
            if (m.group(1) != null) {
                long n = Long.parseLong(m.group(2)) * (m.group(1).equals("-") ? -1 : 1);
                at = switch (m.group(3)) {
                    case "y" -> t.plusYears(n);
                    case "mo" -> t.plusMonths(n);
                    case "d" -> t.plusDays(n);
                    case "h" -> t.plusHours(n);
                    default -> t.plusMinutes(n);
                };
            }
            String value = m.group(4) != null ? at.toLocalDate().toString()
                    : at.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
