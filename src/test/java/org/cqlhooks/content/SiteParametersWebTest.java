package org.cqlhooks.content;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.util.Map;
import java.util.stream.Stream;
import org.cqlhooks.catalog.ServiceCatalog;
import org.cqlhooks.cql.CqlParameters;
import org.cqlhooks.testing.ClinicalCase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A site that turns on FM-2010-LIKELY and sets a 14-day opioid washout in its configuration (names written the
 * ways configuration allows), without touching CQL: the cases written for these settings give their cards over HTTP.
 */
@SpringBootTest(properties = {"cds.cql.parameters.EnableACR2010Criteria=true",
    "cds.cql.parameters.opioid-washout-days=14"})
@AutoConfigureMockMvc
class SiteParametersWebTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ServiceCatalog catalog;
    @Autowired
    CqlParameters parameters;

    /** The EHR's FHIR server: started once per class, reset before each test (WireMock's JUnit 5 extension). */
    @RegisterExtension
    static final WireMockExtension fhir = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort()).build();

    static Stream<ClinicalCase> siteCases() {
        return Stream.concat(
                ContentCasesWebTest.casesWithParameters(Map.of("Enable ACR 2010 Criteria", "true")),
                ContentCasesWebTest.casesWithParameters(Map.of("Opioid Washout Days", "14")));
    }

    @Test
    void theSettingsReachTheConfigLibrary() {
        assertThat(parameters.values()).containsEntry("PainCdsConfig.Enable ACR 2010 Criteria", true)
                .containsEntry("PainCdsConfig.Opioid Washout Days", 14);
        assertThat(siteCases()).hasSizeGreaterThanOrEqualTo(5);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("siteCases")
    void prefetchedCaseGivesTheExpectedCards(ClinicalCase c) throws Exception {
        ContentCasesWebTest.assertPrefetchedCase(mvc, catalog, fhir, c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("siteCases")
    void caseFetchedFromTheFhirServerGivesTheExpectedCards(ClinicalCase c) throws Exception {
        ContentCasesWebTest.assertFetchedCase(mvc, catalog, fhir, c);
    }
}
