package org.cqlhooks.cards;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;
import org.opencds.cqf.cql.engine.runtime.Code;
import org.opencds.cqf.cql.engine.runtime.DateTime;
import org.opencds.cqf.cql.engine.runtime.Precision;
import org.opencds.cqf.cql.engine.runtime.Quantity;

class CqlValuesTest {

    @Test
    void formatsValuesForCardText() {
        assertThat(CqlValues.format(null)).isEqualTo(CqlValues.NO_VALUE);
        assertThat(CqlValues.format(new BigDecimal("12.000"))).isEqualTo("12");
        assertThat(CqlValues.format(new BigDecimal("11.98"))).isEqualTo("11.98");
        assertThat(CqlValues.format(new BigDecimal("1E+2"))).isEqualTo("100");
        assertThat(CqlValues.format(new Quantity().withValue(new BigDecimal("29.950")).withUnit("nmol/L")))
                .isEqualTo("29.95 nmol/L");
        assertThat(CqlValues.format(new Quantity().withValue(new BigDecimal("40")).withUnit("{score}"))).isEqualTo("40");
        assertThat(CqlValues.format(new DateTime(OffsetDateTime.of(2026, 3, 4, 10, 0, 0, 0, ZoneOffset.UTC),
                Precision.SECOND))).isEqualTo("2026-03-04");
        assertThat(CqlValues.format(true)).isEqualTo("yes");
        assertThat(CqlValues.format(new Code().withCode("7243").withDisplay("naltrexone"))).isEqualTo("naltrexone");
        assertThat(CqlValues.format(List.of("a", "b"))).isEqualTo("a, b");
        assertThat(CqlValues.format(List.of())).isEqualTo(CqlValues.NO_VALUE);
        assertThat(CqlValues.format(new Observation().setId("obs-1"))).isEqualTo("Observation/obs-1");
    }
}
