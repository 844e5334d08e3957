package org.cqlhooks.demo;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import org.cqlhooks.testing.TestContent;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.junit.jupiter.api.Test;

/** Re-dating moves the calendar date only: time of day, zone and precision stay as written. */
class RedatingTest {

    @Test
    void eachPrecisionKeepsItsForm() {
        assertThat(Redating.shifted("2026-11-28", TemporalPrecisionEnum.DAY, 3)).isEqualTo("2026-12-01");
        assertThat(Redating.shifted("2026-11-28T23:30:00+02:00", TemporalPrecisionEnum.SECOND, 3))
                .isEqualTo("2026-12-01T23:30:00+02:00");
        assertThat(Redating.shifted("2026-11-28T10:00:00.123Z", TemporalPrecisionEnum.MILLI, -28))
                .isEqualTo("2026-10-31T10:00:00.123Z");
        assertThat(Redating.shifted("2024-02", TemporalPrecisionEnum.MONTH, 31)).isEqualTo("2024-03");
        assertThat(Redating.shifted("2024", TemporalPrecisionEnum.YEAR, 400)).isEqualTo("2025");
    }

    @Test
    void everyDateOfAResourceMovesIncludingNestedOnes() {
        Observation o = new Observation();
        o.setEffective(new Period().setStartElement(new org.hl7.fhir.r4.model.DateTimeType("2026-01-30"))
                .setEndElement(new org.hl7.fhir.r4.model.DateTimeType("2026-02-01T08:00:00Z")));
        o.setIssuedElement(new org.hl7.fhir.r4.model.InstantType("2026-02-02T09:00:00Z"));
        new Redating(TestContent.FHIR).shift(o, 30);
        assertThat(o.getEffectivePeriod().getStartElement().getValueAsString()).isEqualTo("2026-03-01");
        assertThat(o.getEffectivePeriod().getEndElement().getValueAsString()).isEqualTo("2026-03-03T08:00:00Z");
        assertThat(o.getIssuedElement().getValueAsString()).isEqualTo("2026-03-04T09:00:00Z");
    }
}
