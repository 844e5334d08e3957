package org.cqlhooks.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.cqlhooks.cards.CqlValues;
import org.cqlhooks.cases.ClinicalCase;
import org.cqlhooks.cql.LibraryResult;
import org.cqlhooks.evaluation.PatientResources;
import org.cqlhooks.evaluation.ServiceEvaluator;
import org.cqlhooks.prefetch.PrefetchReader;
import org.cqlhooks.testing.Synthea;
import org.cqlhooks.testing.TestContent;
import org.cqlhooks.wire.Card;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Leaving out what no rule reads changes no answer: every clinical case, and the Synthea patient's whole record, is
 * evaluated by its service and by the all-in-one service once over every resource and once over what the service's
 * {@code ReadSet} keeps of it (read as a prefetch searchset is read); the cards and every library's values are the
 * same. Where nothing is left out the two inputs are the same and only that is checked.
 */
class UnreadResourcesTest {

    private static final ZonedDateTime T = ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
    private static final ObjectMapper JSON = PrefetchReader.treeMapper(new ObjectMapper());

    static Stream<ClinicalCase> cases() {
        return ClinicalCase.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aCaseIsAnsweredAlikeWithoutWhatNoRuleReads(ClinicalCase c) throws IOException {
        for (String serviceId : List.of(c.service(), "pain-cds-all")) {
            CdsService service = TestContent.catalog().find(serviceId).orElseThrow();
            String bundle = c.bundleJson(T);
            assertAlike(service, c.patientId(), c.parameters(), bundle, c + " by " + serviceId);
        }
    }

    @Test
    void theSyntheaPatientIsAnsweredAlikeWithoutWhatNoRuleReads() throws IOException {
        List<IBaseResource> margery = Synthea.load(Synthea.MARGERY);
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        margery.forEach(r -> bundle.addEntry().setResource((org.hl7.fhir.r4.model.Resource) r));
        String json = TestContent.FHIR.newJsonParser().encodeResourceToString(bundle);
        for (CdsService service : TestContent.catalog().all()) {
            int skipped = assertAlike(service, Synthea.patientId(margery), Map.of(), json, "Margery by " + service.id());
            assertThat(skipped).as("%s leaves most of her record unread", service.id()).isGreaterThan(margery.size() / 2);
        }
    }

    /** Evaluates both ways and compares; returns how many resources were left out. */
    private static int assertAlike(CdsService service, String patientId, Map<String, String> parameters,
            String bundle, String what) throws IOException {
        byte[] body = ("{\"prefetch\":{\"all\":" + bundle + "}}").getBytes(StandardCharsets.UTF_8);
        PrefetchReader.Read read;
        try (JsonParser parser = JSON.createParser(body)) {
            parser.nextToken();
            parser.nextToken();
            parser.nextToken();
            read = PrefetchReader.read(parser, body, JSON, Set.of("all"), service.reads());
        }
        int sent = resources(bundle).size();
        List<IBaseResource> kept = resources(read.prefetch().get("all").toString());
        assertThat(kept.size() + read.skipped()).as("every resource of %s kept or counted", what).isEqualTo(sent);
        if (read.skipped() == 0) {
            return 0;
        }
        ServiceEvaluator evaluator = TestContent.evaluation(parameters);
        ServiceEvaluator.Evaluated every = evaluator.evaluate(service, new PatientResources(patientId,
                resources(bundle)), T, Map.of());
        ServiceEvaluator.Evaluated without = evaluator.evaluate(service, new PatientResources(patientId, kept), T,
                Map.of());
        assertThat(cards(without.cards())).as("cards of %s", what).isEqualTo(cards(every.cards()));
        assertThat(values(without.results())).as("values of %s", what).isEqualTo(values(every.results()));
        return read.skipped();
    }

    private static List<IBaseResource> resources(String bundle) {
        return ((Bundle) TestContent.FHIR.newJsonParser().parseResource(bundle)).getEntry().stream()
                .map(e -> (IBaseResource) e.getResource()).toList();
    }

    /** Cards as JSON, without the uuid each call makes anew. */
    private static List<String> cards(List<Card> cards) {
        return cards.stream().map(card -> {
            ObjectNode json = JSON.valueToTree(card);
            json.remove("uuid");
            return json.toString();
        }).toList();
    }

    /** Library to definition to its value as text (a resource as Type/id). */
    private static Map<String, Map<String, String>> values(Map<String, LibraryResult> results) {
        Map<String, Map<String, String>> values = new TreeMap<>();
        results.forEach((library, result) -> {
            Map<String, String> byName = new TreeMap<>();
            result.values().forEach((name, value) -> byName.put(name, text(value)));
            byName.put("(failure)", String.valueOf(result.failure()));
            values.put(library, byName);
        });
        return values;
    }

    private static String text(Object value) {
        if (value instanceof IBaseResource resource) {
            return resource.fhirType() + "/" + resource.getIdElement().getIdPart();
        }
        if (value instanceof Iterable<?> many) {
            StringBuilder text = new StringBuilder("[");
            many.forEach(v -> text.append(text(v)).append(','));
            return text.append(']').toString();
        }
        if (value instanceof org.hl7.fhir.r4.model.Base base) {
            return base.fhirType() + ":" + TestContent.FHIR.newJsonParser().encodeToString(base);
        }
        return CqlValues.format(value);
    }
}
