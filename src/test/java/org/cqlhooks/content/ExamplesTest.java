package org.cqlhooks.content;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.cqlhooks.catalog.CdsService;
import org.cqlhooks.evaluation.PatientResources;
import org.cqlhooks.testing.Requests;
import org.cqlhooks.testing.TestContent;
import org.cqlhooks.wire.Card;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ready requests in hooks/examples/&lt;Library&gt;/ and the sample patients in fhir-resources/patients/&lt;Library&gt;/
 * show the card they are named for, and only it. Each is evaluated as of the day it was written for (its {@code asOf} or Bundle
 * {@code timestamp}), so the test does not go stale; the embedded demo FHIR server serves the sample patients
 * re-dated to today.
 */
class ExamplesTest {

    private static final List<String> SERVICES = List.of("fibromyalgia-workup", "naltrexone-opioid-safety", "pain-lab-panel");
    private static final Path EXAMPLES = Path.of("hooks/examples");
    private static final Path PATIENTS = Path.of("fhir-resources/patients");

    static Stream<Path> examples() throws IOException {
        return jsonFiles(EXAMPLES).stream().filter(p -> SERVICES.stream()
                .anyMatch(s -> p.getFileName().toString().startsWith(s + "-")));
    }

    static Stream<Path> patients() throws IOException {
        return jsonFiles(PATIENTS).stream();
    }

    private static List<Path> jsonFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(p -> p.toString().endsWith(".json"))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        }
    }

    @Test
    void everyCardOfTheContentServicesHasAnExampleRequestAndASamplePatient() throws IOException {
        Set<String> cards = new TreeSet<>();
        SERVICES.forEach(s -> TestContent.catalog().find(s).orElseThrow().cards().forEach(c -> cards.add(c.id())));
        Set<String> exampleCards = new TreeSet<>();
        for (Path p : examples().toList()) {
            exampleCards.add(Requests.JSON.readTree(p.toFile()).at("/extension/org.cqlhooks.example/card").asText());
        }
        Set<String> patientCards = new TreeSet<>();
        patients().forEach(p -> patientCards.add(p.getFileName().toString().replace(".json", "").toUpperCase()));
        assertThat(exampleCards).isEqualTo(cards);
        assertThat(patientCards).containsAll(cards);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void exampleRequestShowsItsCard(Path file) throws IOException {
        JsonNode request = Requests.JSON.readTree(file.toFile());
        JsonNode about = request.at("/extension/org.cqlhooks.example");
        String card = about.get("card").asText();
        String serviceId = file.getFileName().toString().replace("-" + card.toLowerCase() + ".json", "");
        CdsService service = TestContent.catalog().find(serviceId).orElseThrow();

        // Every template is answered, so a curl without fhirServer gets cards, never 412.
        List<String> keys = new ArrayList<>();
        request.get("prefetch").fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactlyInAnyOrderElementsOf(service.prefetch().keySet());

        List<IBaseResource> resources = new ArrayList<>();
        request.get("prefetch").forEach(value -> resources.addAll(entries(value.toString())));
        assertThat(cardsOf(service, request.at("/context/patientId").asText(), resources,
                LocalDate.parse(about.get("asOf").asText()), parameters(about)))
                .as("cards of %s", file).containsExactly(card);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("patients")
    void samplePatientShowsItsCard(Path file) throws IOException {
        String card = file.getFileName().toString().replace(".json", "").toUpperCase();
        String text = Files.readString(file);
        Bundle bundle = (Bundle) TestContent.FHIR.newJsonParser().parseResource(text);
        CdsService service = SERVICES.stream().map(s -> TestContent.catalog().find(s).orElseThrow())
                .filter(s -> s.cards().stream().anyMatch(c -> c.id().equals(card))).findFirst().orElseThrow();
        Map<String, String> site = new LinkedHashMap<>();
        for (Path example : examples().toList()) {
            JsonNode about = Requests.JSON.readTree(example.toFile()).at("/extension/org.cqlhooks.example");
            if (about.path("card").asText().equals(card)) {
                site.putAll(parameters(about));
            }
        }
        List<IBaseResource> resources = entries(text);
        String patientId = resources.stream().filter(r -> r.fhirType().equals("Patient")).findFirst().orElseThrow()
                .getIdElement().getIdPart();
        assertThat(cardsOf(service, patientId, resources,
                bundle.getTimestamp().toInstant().atZone(ZoneOffset.UTC).toLocalDate(), site))
                .as("cards of %s", file).containsExactly(card);
    }

    private static Map<String, String> parameters(JsonNode about) {
        Map<String, String> site = new LinkedHashMap<>();
        about.path("siteParameters").properties().forEach(e -> site.put(e.getKey(), e.getValue().asText()));
        return site;
    }

    private static List<IBaseResource> entries(String bundleJson) {
        Bundle bundle = (Bundle) TestContent.FHIR.newJsonParser().parseResource(bundleJson);
        List<IBaseResource> resources = new ArrayList<>();
        bundle.getEntry().forEach(e -> resources.add(e.getResource()));
        return resources;
    }

    private static List<String> cardsOf(CdsService service, String patientId, List<IBaseResource> data,
            LocalDate asOf, Map<String, String> site) {
        ZonedDateTime t = asOf.atTime(12, 0).atZone(ZoneOffset.UTC);
        var evaluated = TestContent.evaluation(site)
                .evaluate(service, new PatientResources(patientId, new ArrayList<>(data)), t, Map.of());
        evaluated.results().forEach((lib, result) -> assertThat(result.failure()).as("library %s", lib).isNull());
        List<Card> cards = evaluated.cards();
        return cards.stream().map(c -> c.source().topic().code()).toList();
    }
}
