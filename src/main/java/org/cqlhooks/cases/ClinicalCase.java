package org.cqlhooks.cases;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.cqlhooks.content.ContentException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * One clinical test case of the content: a folder {@code <cases>/<service id>/<case name>/} holding the patient's
 * data, as {@code bundle.json} (a Bundle of the patient's resources, dates relative to T) or {@code request.json} (a
 * whole CDS Hooks request with its prefetch), and {@code expected.json}:
 * <pre>
 * { "patientId": "p27",                                  // the Patient the resources refer to (optional with one Patient)
 *   "parameters": { "Opioid Washout Days": "14" },      // optional site parameters
 *   "cards": ["NTX-OPIOID"],                            // exactly these card IDs fire; every other is absent
 *   "definitions": { "Library": { "Definition": value } },  // optional: expected CQL values (null = no value)
 *   "detailContains": { "NTX-OPIOID": ["matched on free text"] },   // optional: text each card's detail holds
 *   "summaryContains": { "B12-FUNC": ["Homocysteine above"] },       // optional: text each card's summary holds
 *   "evidenceContains": { "NTX-OPIOID": ["MedicationRequest/oxy"] } } // optional: records in the evidence extension
 * </pre>
 * The bundled content's cases ship in the jar ({@code classpath:content/cases/}); {@link CaseRunner} runs them.
 */
public record ClinicalCase(String service, String name, String bundleText, String requestText, JsonNode expected) {

    /** Where the bundled content's cases are: copied from src/test/resources/cases/ by the build. */
    public static final String BUNDLED = "classpath:content/cases/";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The bundled cases, or, while working on content, those whose {@code service/name} matches the regular
     * expression in the system property {@code cases} ({@code mvn test -Dtest=ClinicalCasesTest -Dcases='ntx.*'}).
     */
    public static Stream<ClinicalCase> all() {
        return matching(read(new PathMatchingResourcePatternResolver(), BUNDLED), System.getProperty("cases"));
    }

    /** The cases whose {@code service/name} matches {@code pattern} (all of them when it is null or blank). */
    public static Stream<ClinicalCase> matching(List<ClinicalCase> cases, String pattern) {
        return pattern == null || pattern.isBlank() ? cases.stream()
                : cases.stream().filter(c -> c.toString().matches(pattern));
    }

    /** Every case folder under {@code location} ({@code classpath:} or {@code file:}), sorted by service and name. */
    public static List<ClinicalCase> read(ResourcePatternResolver resolver, String location) {
        String base = location.endsWith("/") ? location : location + "/";
        String search = base.startsWith("classpath:") ? "classpath*:" + base.substring("classpath:".length()) : base;
        List<ClinicalCase> cases = new ArrayList<>();
        try {
            for (Resource expected : resolver.getResources(search + "*/*/expected.json")) {
                cases.add(load(expected));
            }
        } catch (IOException e) {
            throw new ContentException("Cannot read the cases at " + location + ": " + e.getMessage(), e);
        }
        cases.sort(Comparator.comparing(ClinicalCase::toString));
        return cases;
    }

    private static ClinicalCase load(Resource expected) throws IOException {
        // The folder names come from the URL: .../<service>/<case>/expected.json, on disk or inside a jar.
        String[] parts = expected.getURL().toString().split("/");
        String service = parts[parts.length - 3];
        String name = parts[parts.length - 2];
        Resource bundle = expected.createRelative("bundle.json");
        Resource request = expected.createRelative("request.json");
        String bundleText = bundle.exists() ? text(bundle) : null;
        String requestText = bundleText == null && request.exists() ? text(request) : null;
        JsonNode expectations;
        try (InputStream in = expected.getInputStream()) {
            expectations = JSON.readTree(in);
        } catch (IOException e) {
            throw new ContentException("case " + service + "/" + name + ": expected.json is not valid JSON: "
                    + e.getMessage(), e);
        }
        return new ClinicalCase(service, name, bundleText, requestText, expectations);
    }

    private static String text(Resource resource) throws IOException {
        try (InputStream in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The Patient the case is about: {@code patientId} of expected.json, else the bundle's only Patient. */
    public String patientId() {
        String declared = expected.path("patientId").asText("");
        if (!declared.isBlank() || bundleText == null) {
            return declared;
        }
        List<String> patients = resources(ZonedDateTime.now()).stream().filter(r -> r.fhirType().equals("Patient"))
                .map(r -> r.getIdElement().getIdPart()).toList();
        return patients.size() == 1 ? patients.get(0) : "";
    }

    /** The case's resources with dates resolved against T (a request case: none; its data is its prefetch). */
    public List<IBaseResource> resources(ZonedDateTime t) {
        if (bundleText == null) {
            return List.of();
        }
        Bundle bundle = (Bundle) FhirContext.forR4Cached().newJsonParser().parseResource(bundleJson(t));
        return bundle.getEntry().stream().map(e -> (IBaseResource) e.getResource()).toList();
    }

    /** The case's bundle text with dates resolved against T, e.g. to serve it from a mock FHIR server. */
    public String bundleJson(ZonedDateTime t) {
        return bundleText == null ? null : RelativeDates.resolve(bundleText, t);
    }

    /** The case's request text with dates resolved against T, or null for a bundle case. */
    public String requestJson(ZonedDateTime t) {
        return requestText == null ? null : RelativeDates.resolve(requestText, t);
    }

    public Map<String, String> parameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        expected.path("parameters").properties().forEach(e -> parameters.put(e.getKey(), e.getValue().asText()));
        return parameters;
    }

    public List<String> cards() {
        List<String> cards = new ArrayList<>();
        expected.path("cards").forEach(c -> cards.add(c.asText()));
        return cards;
    }

    @Override
    public String toString() {
        return service + "/" + name;
    }
}
