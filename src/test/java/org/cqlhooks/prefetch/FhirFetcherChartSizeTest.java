package org.cqlhooks.prefetch;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.cqlhooks.testing.TestContent;
import org.cqlhooks.wire.CdsException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.util.unit.DataSize;

/**
 * Real charts are large: with the default limits, a patient with 3,000 results on a server that pages by 20 (150
 * pages) is fetched whole; when a limit is reached, the 412's message names the prefetch key and the setting.
 */
class FhirFetcherChartSizeTest {

    private static final int RESULTS = 3000;
    private static final int PAGE = 20;

    @RegisterExtension
    static final WireMockExtension fhir = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort())
            .build();

    private static FhirClientProperties defaults() {
        return new FhirClientProperties(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(20), 1000,
                20000, DataSize.ofMegabytes(20), 8);
    }

    /** Page {@code n} (1-based) of the patient's Observations, with a next link unless it is the last. */
    private static String page(int n) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET).setTotal(RESULTS);
        for (int i = (n - 1) * PAGE; i < Math.min(n * PAGE, RESULTS); i++) {
            bundle.addEntry().setResource(new Observation().setStatus(Observation.ObservationStatus.FINAL)
                    .setId("obs-" + i));
        }
        if (n * PAGE < RESULTS) {
            bundle.addLink().setRelation(Bundle.LINK_NEXT).setUrl(fhir.baseUrl() + "/fhir/Observation?page=" + (n + 1));
        }
        return TestContent.FHIR.newJsonParser().encodeResourceToString(bundle);
    }

    private FhirFetcher.Fetched fetch(FhirClientProperties settings) {
        FhirFetcher fetcher = new FhirFetcher(TestContent.FHIR, settings,
                new DefaultListableBeanFactory().getBeanProvider(FetchListener.class));
        try {
            return fetcher.fetch(URI.create(fhir.baseUrl() + "/fhir"), "token", List.of(new FhirQuery("labs",
                    URI.create(fhir.baseUrl() + "/fhir/Observation?patient=p1&_count=1000"), false)));
        } finally {
            fetcher.destroy();
        }
    }

    @Test
    void aPatientWithThousandsOfResultsIsFetchedWholeWithTheDefaultLimits() {
        fhir.stubFor(get(urlPathEqualTo("/fhir/Observation")).withQueryParam("patient", WireMock.equalTo("p1"))
                .willReturn(okJson(page(1))));
        for (int n = 2; n <= RESULTS / PAGE; n++) {
            fhir.stubFor(get(urlPathEqualTo("/fhir/Observation")).withQueryParam("page", WireMock.equalTo("" + n))
                    .willReturn(okJson(page(n))));
        }
        FhirFetcher.Fetched fetched = fetch(defaults());
        assertThat(fetched.byKey().get("labs")).hasSize(RESULTS);
        assertThat(fetched.calls()).isEqualTo(RESULTS / PAGE);
    }

    @Test
    void aLimitReachedNamesTheKeyAndTheSetting() {
        fhir.stubFor(get(urlPathEqualTo("/fhir/Observation")).withQueryParam("patient", WireMock.equalTo("p1"))
                .willReturn(okJson(page(1))));
        for (int n = 2; n <= RESULTS / PAGE; n++) {
            fhir.stubFor(get(urlPathEqualTo("/fhir/Observation")).withQueryParam("page", WireMock.equalTo("" + n))
                    .willReturn(okJson(page(n))));
        }
        FhirClientProperties d = defaults();
        assertThatThrownBy(() -> fetch(new FhirClientProperties(d.connectTimeout(), d.readTimeout(), d.deadline(),
                10, d.maxResources(), d.maxResponseSize(), d.workerThreads())))
                .isInstanceOf(CdsException.class)
                .hasMessageContaining("more than 10 pages for prefetch key 'labs' (cds.fhir-client.max-pages)");
        assertThatThrownBy(() -> fetch(new FhirClientProperties(d.connectTimeout(), d.readTimeout(), d.deadline(),
                d.maxPages(), 100, d.maxResponseSize(), d.workerThreads())))
                .hasMessageContaining("more than 100 resources for prefetch key 'labs' (cds.fhir-client.max-resources)");
        assertThatThrownBy(() -> fetch(new FhirClientProperties(d.connectTimeout(), d.readTimeout(), d.deadline(),
                d.maxPages(), d.maxResources(), DataSize.ofBytes(512), d.workerThreads())))
                .hasMessageContaining("answer for prefetch key 'labs' is larger than 512 bytes "
                        + "(cds.fhir-client.max-response-size)");
    }
}
