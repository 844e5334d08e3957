package org.cqlhooks.cql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.cqlhooks.cards.Card;
import org.cqlhooks.cards.CardAssembler;
import org.cqlhooks.discovery.CdsService;
import org.cqlhooks.testing.Requests;
import org.cqlhooks.testing.TestContent;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each ready request hooks/examples/pain-lab-panel-&lt;card&gt;.json answers with exactly the card its name says,
 * and its sample patient in fhir-resources/patients/ holds the same resources. The examples carry absolute dates
 * (2026-11-20), so they are evaluated at a fixed time shortly after.
 */
class LabPanelExamplesTest {

    private static final ZonedDateTime AT = ZonedDateTime.parse("2026-11-30T12:00:00Z");
    private static final String PREFIX = "pain-lab-panel-";

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("hooks/examples"))) {
            return files.filter(f -> f.getFileName().toString().startsWith(PREFIX)).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void theExampleAnswersWithTheCardItsNameSays(Path file) throws IOException {
        String name = file.getFileName().toString();
        String cardId = name.substring(PREFIX.length(), name.length() - ".json".length()).toUpperCase(Locale.ROOT);
        JsonNode request = Requests.JSON.readTree(file.toFile());
        CdsService service = TestContent.catalog().find("pain-lab-panel").orElseThrow();
        assertThat(request.get("hook").asText()).isEqualTo(service.hook());
        String patientId = request.at("/context/patientId").asText();

        List<IBaseResource> resources = new ArrayList<>();
        request.get("prefetch").properties().forEach(e -> {
            assertThat(service.prefetch()).as("prefetch key of %s", name).containsKey(e.getKey());
            IBaseResource parsed = TestContent.FHIR.newJsonParser().parseResource(e.getValue().toString());
            if (parsed instanceof Bundle bundle) {
                bundle.getEntry().forEach(entry -> resources.add(entry.getResource()));
            } else {
                resources.add(parsed);
            }
        });

        Map<String, Set<String>> definitions = new LinkedHashMap<>();
        service.definitionsByLibrary().forEach((lib, names) -> definitions.put(lib, new LinkedHashSet<>(names)));
        Map<String, LibraryResult> results = TestContent.evaluator(Map.of())
                .evaluate(new Evaluation(definitions, patientId, resources, AT));
        List<Card> cards = CardAssembler.assemble(service.cards(), results);

        assertThat(cards).extracting(card -> card.source().topic().code()).containsExactly(cardId);
        assertThat(cards.get(0).summary().length()).isLessThan(Card.SUMMARY_LIMIT);

        Path patientFile = Path.of("fhir-resources/patients/" + patientId + ".json");
        Bundle sample = (Bundle) TestContent.FHIR.newJsonParser().parseResource(Files.readString(patientFile));
        assertThat(sample.getEntry()).extracting(e -> e.getResource().getIdElement().toUnqualifiedVersionless().getValue())
                .containsExactlyInAnyOrderElementsOf(resources.stream()
                        .map(r -> r.getIdElement().toUnqualifiedVersionless().getValue()).toList());
    }
}
