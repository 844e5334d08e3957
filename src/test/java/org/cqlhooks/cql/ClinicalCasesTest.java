package org.cqlhooks.cql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.stream.Stream;
import org.cqlhooks.cases.CaseRunner;
import org.cqlhooks.cases.ClinicalCase;
import org.cqlhooks.testing.TestContent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Walks every clinical test case (src/test/resources/cases/&lt;service&gt;/&lt;case&gt;/) through the real
 * content with the same runner as the command line's {@code test} ({@link CaseRunner}): the expected cards fire,
 * every other card of the service stays silent, each card is readable, labelled and names its source once, and the
 * listed CQL definitions and texts have the expected values.
 */
class ClinicalCasesTest {

    /** Evaluation time: now, so relative dates in fixtures exercise the same calendar a live call would. */
    private static final ZonedDateTime T = ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
    private static final CaseRunner RUNNER = new CaseRunner(TestContent.snapshot(), new ObjectMapper());

    static Stream<ClinicalCase> cases() {
        return ClinicalCase.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void caseProducesExactlyTheExpectedCards(ClinicalCase c) {
        assertThat(RUNNER.run(c, T).failures()).as("%s", c).isEmpty();
    }
}
