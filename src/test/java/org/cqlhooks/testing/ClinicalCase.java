package org.cqlhooks.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;

/**
 * One clinical test case: src/test/resources/cases/&lt;service&gt;/&lt;case&gt;/ holds {@code bundle.json} (the
 * patient's resources, dates relative to T) and {@code expected.json}:
 * <pre>
 * { "patientId": "p27",                                  // the Patient id the resources refer to
 *   "parameters": { "Opioid Washout Days": "14" },      // optional site parameters
 *   "cards": ["NTX-OPIOID"],                            // exactly these card IDs fire; every other is absent
 *   "definitions": { "Library": { "Definition": value } },  // optional: expected CQL values (null = no value)
 *   "detailContains": { "NTX-OPIOID": ["matched on free text"] },   // optional: text each card's detail holds
 *   "summaryContains": { "B12-FUNC": ["Homocysteine above"] },       // optional: text each card's summary holds
 *   "evidenceContains": { "NTX-OPIOID": ["MedicationRequest/oxy"] } } // optional: records in the evidence extension
 * </pre>
 */
public record ClinicalCase(String service, String name, String bundleText, JsonNode expected) {

    public static final Path ROOT = Path.of("src/test/resources/cases");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Every case, or, while working on content, those whose {@code service/name} matches the regular expression in
     * the system property {@code cases} ({@code mvn test -Dtest=ClinicalCasesTest -Dcases='naltrexone.*'}).
     */
    public static Stream<ClinicalCase> all() {
        String only = System.getProperty("cases");
        return only == null || only.isBlank() ? every() : every().filter(c -> c.toString().matches(only));
    }

    private static Stream<ClinicalCase> every() {
        try (Stream<Path> services = Files.list(ROOT)) {
            List<ClinicalCase> cases = new ArrayList<>();
            for (Path service : services.sorted().toList()) {
                try (Stream<Path> dirs = Files.list(service)) {
                    for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                        cases.add(load(service.getFileName().toString(), dir));
                    }
                }
            }
            return cases.stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ClinicalCase load(String service, Path dir) throws IOException {
        return new ClinicalCase(service, dir.getFileName().toString(),
                Files.readString(dir.resolve("bundle.json"), StandardCharsets.UTF_8),
                JSON.readTree(dir.resolve("expected.json").toFile()));
    }

    public String patientId() {
        return expected.path("patientId").asText();
    }

    /** The case's resources with dates resolved against T. */
    public List<IBaseResource> resources(ZonedDateTime t) {
        Bundle bundle = (Bundle) TestContent.FHIR.newJsonParser().parseResource(RelativeDates.resolve(bundleText, t));
        return bundle.getEntry().stream().map(e -> (IBaseResource) e.getResource()).toList();
    }

    /** The case's bundle text with dates resolved against T, e.g. to serve it from a mock FHIR server. */
    public String bundleJson(ZonedDateTime t) {
        return RelativeDates.resolve(bundleText, t);
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
