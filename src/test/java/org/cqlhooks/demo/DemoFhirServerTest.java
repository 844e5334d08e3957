package org.cqlhooks.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.cqlhooks.testing.Requests;
import org.cqlhooks.testing.SiteSettingsTest;
import org.cqlhooks.testing.TestContent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The embedded FHIR server over real HTTP, on two small test Bundles (src/test/resources/demo-patients): what the
 * prefetch templates need (token, date, category and status searches, _include of medications, paging) answers as
 * a FHIR server would; data is re-dated and ids made unique at load; the CDS service fetches from it.
 */
@SiteSettingsTest
class DemoFhirServerTest {

    private static final HttpClient http = HttpClient.newHttpClient();
    private static final LocalDate ONE_AS_OF = LocalDate.parse("2026-11-30");

    @LocalServerPort
    int port;

    @Test
    void theCapabilityStatementListsTheSearchesAndIncludes() throws Exception {
        CapabilityStatement metadata = (CapabilityStatement) get("metadata").resource();
        assertThat(metadata.getFhirVersion().toCode()).isEqualTo("4.0.1");
        assertThat(params(metadata, "Observation")).contains("patient", "code", "category", "status", "date");
        assertThat(params(metadata, "Condition")).contains("patient", "code", "clinical-status");
        assertThat(params(metadata, "Patient")).contains("_id", "name");
        assertThat(resource(metadata, "MedicationRequest").getSearchInclude())
                .extracting(i -> i.getValue()).containsExactly("MedicationRequest:medication");
        // The naltrexone service's MedicationAdministration template is answered too.
        assertThat(params(metadata, "MedicationAdministration")).contains("patient", "code", "status");
        assertThat(resource(metadata, "MedicationAdministration").getSearchInclude())
                .extracting(i -> i.getValue()).containsExactly("MedicationAdministration:medication");
    }

    @Test
    void readAnswersTheResourceOr404() throws Exception {
        Answer found = get("Patient/p-one");
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.resource().getIdElement().getIdPart()).isEqualTo("p-one");
        Answer missing = get("Patient/nobody");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.resource()).isInstanceOf(OperationOutcome.class);
    }

    @Test
    void tokenSearchesMatchSystemAndCodeWithOrAndAnd() throws Exception {
        assertThat(ids("Observation?patient=p-one&code=" + q("http://loinc.org|1989-3"))).containsExactly("p-one-obs-1");
        assertThat(ids("Observation?patient=Patient/p-one&code=1989-3")).containsExactly("p-one-obs-1");
        assertThat(ids("Observation?patient=p-one&code=" + q("http://snomed.info/sct|1989-3"))).isEmpty();
        assertThat(ids("Observation?patient=p-one&code=" + q("http://loinc.org|3016-3,http://loinc.org|1989-3")))
                .containsExactlyInAnyOrder("p-one-obs-1", "p-one-obs-2");
        assertThat(ids("Observation?patient=p-one&code=" + q("http://loinc.org|")))
                .containsExactlyInAnyOrder("p-one-obs-1", "p-one-obs-2");
        assertThat(ids("Observation?patient=p-one&code=1989-3&code=3016-3")).isEmpty();
        assertThat(ids("Observation?patient=p-one&category=laboratory"))
                .containsExactlyInAnyOrder("p-one-obs-1", "p-one-obs-2");
        assertThat(ids("Observation?patient=p-one&status=final")).containsExactlyInAnyOrder("p-one-obs-1", "p-one-obs-3");
        assertThat(ids("Observation?code=1989-3")).containsExactlyInAnyOrder("p-one-obs-1", "p-two-obs-1");
        assertThat(ids("Patient?_id=p-one,p-two")).containsExactlyInAnyOrder("p-one", "p-two");
        assertThat(ids("Patient?name=olg")).containsExactly("p-one");
    }

    @Test
    void dateSearchesUseTheReDatedValuesAndTheirPrecision() throws Exception {
        String day = shifted("2026-11-28").toString();
        assertThat(ids("Observation?patient=p-one&date=" + day)).containsExactly("p-one-obs-1");
        assertThat(ids("Observation?patient=p-one&date=ge" + day)).containsExactly("p-one-obs-1");
        assertThat(ids("Observation?patient=p-one&date=lt" + day)).containsExactlyInAnyOrder("p-one-obs-2", "p-one-obs-3");
        String periodDay = shifted("2026-09-02").toString();
        assertThat(ids("Observation?patient=p-one&date=ge" + periodDay + "&date=le" + periodDay))
                .containsExactly("p-one-obs-3");
        assertThat(ids("MedicationRequest?patient=p-one&authoredon=gt" + shifted("2026-11-01")))
                .containsExactly("p-one-ntx-order");
    }

    @Test
    void datesAreMovedByTodayMinusTheBundlesTimestampKeepingTimeAndPrecision() throws Exception {
        Observation lab = (Observation) get("Observation/p-one-obs-1").resource();
        assertThat(lab.getEffectiveDateTimeType().getValueAsString()).isEqualTo(shifted("2026-11-28") + "T09:30:00+01:00");
        long twoShift = ChronoUnit.DAYS.between(LocalDate.parse("2026-11-20"), today());
        Observation monthOnly = (Observation) get("Observation/p-two-obs-1").resource();
        assertThat(monthOnly.getEffectiveDateTimeType().getValueAsString())
                .isEqualTo(LocalDate.parse("2026-11-01").plusDays(twoShift).toString().substring(0, 7));
        assertThat(((org.hl7.fhir.r4.model.Patient) get("Patient/p-one").resource()).getBirthDateElement()
                .getValueAsString()).isEqualTo(shifted("1970-05-20").toString());
    }

    @Test
    void idsAreUniqueAcrossFilesAndReferencesInsideABundleFollowThem() throws Exception {
        Observation two = (Observation) get("Observation/p-two-obs-1").resource();
        assertThat(two.getSubject().getReference()).isEqualTo("Patient/p-two");
        MedicationRequest order = (MedicationRequest) get("MedicationRequest/p-one-ntx-order").resource();
        assertThat(order.getSubject().getReference()).isEqualTo("Patient/p-one");
        MedicationRequest oxy = (MedicationRequest) get("MedicationRequest/p-one-oxy-order").resource();
        assertThat(oxy.getMedicationReference().getReference()).isEqualTo("Medication/p-one-oxy");
    }

    @Test
    void includeOfMedicationAddsTheReferencedMedication() throws Exception {
        Bundle with = (Bundle) get("MedicationRequest?patient=p-one&_include=MedicationRequest:medication").resource();
        assertThat(with.getEntry()).filteredOn(e -> e.getResource().fhirType().equals("Medication"))
                .singleElement().satisfies(e -> {
                    assertThat(e.getResource().getIdElement().getIdPart()).isEqualTo("p-one-oxy");
                    assertThat(e.getSearch().getMode()).isEqualTo(Bundle.SearchEntryMode.INCLUDE);
                });
        assertThat(ids("MedicationRequest?patient=p-one")).containsExactlyInAnyOrder("p-one-oxy-order",
                "p-one-ntx-order");
        assertThat(get("MedicationRequest?patient=p-one&_include=MedicationRequest:requester").status())
                .isEqualTo(400);
    }

    @Test
    void countPagesTheSearchsetWithNextLinksToTheEnd() throws Exception {
        Bundle first = (Bundle) get("Observation?patient=p-one&_count=1").resource();
        assertThat(first.getEntry()).hasSize(1);
        assertThat(first.getTotal()).isEqualTo(3);
        List<String> seen = new ArrayList<>();
        Bundle page = first;
        while (true) {
            page.getEntry().forEach(e -> seen.add(e.getResource().getIdElement().getIdPart()));
            if (page.getLink(Bundle.LINK_NEXT) == null) {
                break;
            }
            URI next = URI.create(page.getLink(Bundle.LINK_NEXT).getUrl());
            assertThat(next.getAuthority()).isEqualTo("localhost:" + port);
            page = (Bundle) fetch(next).resource();
        }
        assertThat(seen).containsExactlyInAnyOrder("p-one-obs-1", "p-one-obs-2", "p-one-obs-3");
    }

    @Test
    void whatItDoesNotImplementIs400NotIgnored() throws Exception {
        for (String query : List.of("Observation?patient=p-one&value-quantity=9", "Observation?code:text=vitamin",
                "Observation?patient.name=Tester", "Observation?date=ne2026-01-01", "Patient/p-one/_history")) {
            Answer answer = get(query);
            assertThat(answer.status()).as(query).isBetween(400, 405);
            assertThat(answer.resource()).as(query).isInstanceOf(OperationOutcome.class);
        }
    }

    @Test
    void itIsReadOnly() throws Exception {
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(base() + "Patient/p-one"))
                .header("Content-Type", "application/fhir+json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"resourceType\":\"Patient\",\"id\":\"p-one\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isIn(400, 405);
        assertThat(get("Patient/p-one").resource().getMeta().hasVersionId()).isFalse();
        assertThat(ids("Patient?_id=p-one")).containsExactly("p-one");
    }

    @Test
    void aCdsCallWithoutPrefetchFetchesFromTheEmbeddedServer() throws Exception {
        String body = Requests.patientView("p-one").put("fhirServer", "http://localhost:" + port + "/fhir").toString();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/cds-services/naltrexone-opioid-safety")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode cards = Requests.JSON.readTree(response.body()).get("cards");
        assertThat(cards).singleElement().satisfies(card -> {
            assertThat(card.at("/source/topic/code").asText()).isEqualTo("NTX-OPIOID");
            assertThat(card.get("indicator").asText()).isEqualTo("critical");
            assertThat(card.get("detail").asText()).contains("oxycodone");
        });
    }

    record Answer(int status, Resource resource) {
    }

    private Answer get(String query) throws IOException, InterruptedException {
        return fetch(URI.create(base() + query));
    }

    private Answer fetch(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
                .header("Accept", "application/fhir+json").GET().build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), (Resource) TestContent.FHIR.newJsonParser()
                .parseResource(response.body()));
    }

    private List<String> ids(String query) throws IOException, InterruptedException {
        Answer answer = get(query);
        assertThat(answer.status()).as(query).isEqualTo(200);
        return ((Bundle) answer.resource()).getEntry().stream()
                .map(e -> e.getResource().getIdElement().getIdPart()).toList();
    }

    private String base() {
        return "http://localhost:" + port + "/fhir/";
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    private static LocalDate shifted(String written) {
        return LocalDate.parse(written).plusDays(ChronoUnit.DAYS.between(ONE_AS_OF, today()));
    }

    private static CapabilityStatementRestResourceComponent resource(CapabilityStatement c, String type) {
        return c.getRestFirstRep().getResource().stream().filter(r -> r.getType().equals(type)).findFirst().orElseThrow();
    }

    private static List<String> params(CapabilityStatement c, String type) {
        return resource(c, type).getSearchParam().stream().map(p -> p.getName()).toList();
    }
}
