package org.cqlhooks.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.cqlhooks.cases.ClinicalCase;
import org.cqlhooks.catalog.LiveContent;
import org.cqlhooks.testing.SiteSettingsTest;
import org.cqlhooks.testing.StubFhirServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A site that turns on FM-2010-LIKELY and VITD-FUNC and sets a 14-day opioid washout and a 21-day methadone and
 * buprenorphine washout in its configuration (names written the ways configuration allows), without touching CQL:
 * the cases written for these settings give their cards over HTTP. Each case names one of the settings; the others
 * do not touch its data.
 */
@SiteSettingsTest
class SiteParametersWebTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    LiveContent content;

    /** The EHR's FHIR server: started once per class, reset before each test. */
    @RegisterExtension
    static final StubFhirServer fhir = new StubFhirServer();

    static Stream<ClinicalCase> siteCases() {
        return Stream.of(Map.of("Enable ACR 2010 Criteria", "true"), Map.of("Opioid Washout Days", "14"),
                Map.of("Long-Acting Opioid Washout Days", "21"), Map.of("Enable VITD-FUNC", "true"))
                .flatMap(ContentCasesWebTest::casesWithParameters);
    }

    @Test
    void theSettingsReachTheConfigLibrary() {
        assertThat(content.current().parameters().values())
                .containsEntry("PainCdsConfig.Enable ACR 2010 Criteria", true)
                .containsEntry("PainCdsConfig.Opioid Washout Days", 14)
                .containsEntry("PainCdsConfig.Long-Acting Opioid Washout Days", 21)
                .containsEntry("PainCdsConfig.Enable VITD-FUNC", true);
        assertThat(siteCases()).hasSizeGreaterThanOrEqualTo(15);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("siteCases")
    void prefetchedCaseGivesTheExpectedCards(ClinicalCase c) throws Exception {
        ContentCasesWebTest.assertPrefetchedCase(mvc, content.catalog(), fhir, c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("siteCases")
    void caseFetchedFromTheFhirServerGivesTheExpectedCards(ClinicalCase c) throws Exception {
        ContentCasesWebTest.assertFetchedCase(mvc, content.catalog(), fhir, c);
    }
}
