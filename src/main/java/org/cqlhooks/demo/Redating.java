package org.cqlhooks.demo;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.BaseDateTimeType;

/**
 * Moves every date, dateTime and instant of a resource by a whole number of days, so that sample data written as of
 * one day reads as of another with every interval kept (a urine screen 2 days before the as-of day is 2 days before
 * today). Only the calendar date moves: time of day, time zone and precision stay as written.
 */
final class Redating {

    private static final DateTimeFormatter YEAR_MONTH = DateTimeFormatter.ofPattern("yyyy-MM");
    private static final DateTimeFormatter YEAR = DateTimeFormatter.ofPattern("yyyy");

    private final FhirContext fhir;

    Redating(FhirContext fhir) {
        this.fhir = fhir;
    }

    void shift(IBaseResource resource, long days) {
        if (days == 0) {
            return;
        }
        for (BaseDateTimeType value : fhir.newTerser().getAllPopulatedChildElementsOfType(resource,
                BaseDateTimeType.class)) {
            if (value.getValueAsString() != null && !value.getValueAsString().isEmpty()) {
                value.setValueAsString(shifted(value.getValueAsString(), value.getPrecision(), days));
            }
        }
    }

    /** The written text with its date part moved: {@code 2026-11-28T10:00:00+02:00} + 3 = {@code 2026-12-01T10:00:00+02:00}. */
    static String shifted(String text, TemporalPrecisionEnum precision, long days) {
        if (precision == TemporalPrecisionEnum.YEAR) {
            return LocalDate.parse(text + "-01-01").plusDays(days).format(YEAR);
        }
        if (precision == TemporalPrecisionEnum.MONTH) {
            return LocalDate.parse(text + "-01").plusDays(days).format(YEAR_MONTH);
        }
        return LocalDate.parse(text.substring(0, 10)).plusDays(days) + text.substring(10);
    }
}
