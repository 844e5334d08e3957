package org.cqlhooks.cases;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.cqlhooks.catalog.ContentSnapshot;
import org.cqlhooks.catalog.LiveContent;
import org.cqlhooks.testing.ContentCopies;
import org.cqlhooks.testing.TestContent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The case runner on the authoring test content (cases by bundle and by request): each case passes as written, and
 * a case whose expectations the content does not meet fails with a line that says what differs.
 */
class CaseRunnerTest {

    private static final ZonedDateTime T = ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
    private static ContentSnapshot content;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        content = new LiveContent(TestContent.sources(ContentCopies.AUTHORING_ON_CLASSPATH)).current();
    }

    private static List<CaseResult> run(String location) {
        CaseRunner runner = new CaseRunner(content, new ObjectMapper());
        return ClinicalCase.read(new PathMatchingResourcePatternResolver(), location).stream()
                .map(c -> runner.run(c, T)).toList();
    }

    @Test
    void everyCaseOfTheContentPasses() {
        List<CaseResult> results = run("classpath:authoring-content/cases/");
        assertThat(results).extracting(r -> r.clinicalCase().toString()).containsExactly(
                "anemia-workup/AnemiaWorkup.hgb-low-false-12-at-threshold",
                "anemia-workup/AnemiaWorkup.hgb-low-false-anemia-on-record",
                "anemia-workup/AnemiaWorkup.hgb-low-true-11-below-12",
                "medication-orders/MedicationOrders.med-active-true-one-order-request");
        assertThat(results).allSatisfy(r -> assertThat(r.failures()).as(r.line()).isEmpty());
        assertThat(results.get(2).line()).isEqualTo("PASS anemia-workup/AnemiaWorkup.hgb-low-true-11-below-12");
    }

    @Test
    void aCaseTheContentDoesNotMeetSaysWhatDiffers() {
        ContentCopies.copy(ContentCopies.AUTHORING.resolve("cases"), dir);
        Path expected = dir.resolve("anemia-workup/AnemiaWorkup.hgb-low-false-12-at-threshold/expected.json");
        ContentCopies.edit(expected, "\"cards\": []", "\"cards\": [\"HGB-LOW\"]");
        ContentCopies.edit(expected, "\"Lowest Hemoglobin\": null", "\"Lowest Hemoglobin\": 12");
        CaseResult failed = run("file:" + dir + "/").get(0);
        assertThat(failed.passed()).isFalse();
        assertThat(failed.failures()).containsExactly("cards: expected [HGB-LOW], fired []",
                "AnemiaWorkup.\"Lowest Hemoglobin\" has no value, expected 12");
        assertThat(failed.line()).isEqualTo("FAIL anemia-workup/AnemiaWorkup.hgb-low-false-12-at-threshold: cards: "
                + "expected [HGB-LOW], fired []; AnemiaWorkup.\"Lowest Hemoglobin\" has no value, expected 12");
    }

    @Test
    void aCaseOfAServiceTheContentLacksFails() {
        ContentCopies.copy(ContentCopies.AUTHORING.resolve("cases/anemia-workup"), dir.resolve("anemia-screen"));
        CaseResult failed = run("file:" + dir + "/").get(0);
        assertThat(failed.failures()).containsExactly(
                "no service 'anemia-screen' (the case folder's parent names the service)");
    }
}
