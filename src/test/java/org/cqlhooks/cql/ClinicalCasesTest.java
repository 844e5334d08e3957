package org.cqlhooks.cql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.cqlhooks.cards.CompiledCard;
import org.cqlhooks.cards.CqlValues;
import org.cqlhooks.catalog.CdsService;
import org.cqlhooks.evaluation.PatientResources;
import org.cqlhooks.evaluation.ServiceEvaluator.Evaluated;
import org.cqlhooks.testing.CardChecks;
import org.cqlhooks.testing.ClinicalCase;
import org.cqlhooks.testing.Markdown;
import org.cqlhooks.testing.TestContent;
import org.cqlhooks.wire.Card;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Walks every clinical test case (src/test/resources/cases/&lt;service&gt;/&lt;case&gt;/) through the real
 * content: the expected cards fire, every other card of the service stays silent, and the listed CQL definitions
 * have the expected values.
 */
class ClinicalCasesTest {

    /** Evaluation time: now, so relative dates in fixtures exercise the same calendar a live call would. */
    private static final ZonedDateTime T = ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);

    static Stream<ClinicalCase> cases() {
        return ClinicalCase.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void caseProducesExactlyTheExpectedCards(ClinicalCase c) {
        CdsService service = TestContent.catalog().find(c.service()).orElseThrow(
                () -> new AssertionError("no service " + c.service() + " for case folder " + c));
        List<IBaseResource> resources = new ArrayList<>(c.resources(T));

        Map<String, Set<String>> expectedDefinitions = new LinkedHashMap<>();
        c.expected().path("definitions").properties().forEach(lib -> {
            Set<String> names = expectedDefinitions.computeIfAbsent(lib.getKey(), k -> new LinkedHashSet<>());
            lib.getValue().properties().forEach(d -> names.add(d.getKey()));
        });

        Evaluated evaluated = TestContent.evaluation(c.parameters())
                .evaluate(service, new PatientResources(c.patientId(), resources), T, expectedDefinitions);
        Map<String, LibraryResult> results = evaluated.results();

        results.forEach((lib, result) -> assertThat(result.failure())
                .as("library %s failed on case %s", lib, c).isNull());
        List<Card> cards = evaluated.cards();
        List<String> fired = cards.stream().map(card -> card.source().topic().code()).toList();
        assertThat(fired).as("cards of %s", c).containsExactlyInAnyOrderElementsOf(c.cards());
        assertThat(new HashSet<>(fired)).as("one card per card ID").hasSameSizeAs(fired);
        cards.forEach(card -> assertThat(card.summary().length()).isLessThan(Card.SUMMARY_LIMIT));
        Set<String> records = new HashSet<>();
        resources.forEach(r -> records.add(r.fhirType() + "/" + r.getIdElement().getIdPart()));
        for (Card card : cards) {
            String what = c + " " + card.source().topic().code();
            CardChecks.assertReadable(what, card.summary(), card.detail(),
                    (String) card.extension().get(CompiledCard.EVIDENCE_EXTENSION), card.source().label());
            CardChecks.assertReferencesRecords(what, evidence(card), records);
        }

        c.expected().path("definitions").properties().forEach(lib -> lib.getValue().properties().forEach(d ->
                assertValue(c, lib.getKey(), d.getKey(), results.get(lib.getKey()).value(d.getKey()), d.getValue())));
        c.expected().path("detailContains").properties().forEach(e -> {
            Card card = cards.stream().filter(x -> x.source().topic().code().equals(e.getKey())).findFirst()
                    .orElseThrow(() -> new AssertionError("no card " + e.getKey() + " to check the detail of"));
            // Record text in the detail is escaped markdown; the case states the text as the clinician reads it.
            e.getValue().forEach(text -> assertThat(Markdown.unescaped(card.detail())).as("detail of %s", e.getKey())
                    .contains(text.asText()));
        });
        c.expected().path("summaryContains").properties().forEach(e -> {
            Card card = cards.stream().filter(x -> x.source().topic().code().equals(e.getKey())).findFirst()
                    .orElseThrow(() -> new AssertionError("no card " + e.getKey() + " to check the summary of"));
            e.getValue().forEach(text -> assertThat(card.summary()).as("summary of %s", e.getKey()).contains(text.asText()));
        });
        c.expected().path("evidenceContains").properties().forEach(e -> {
            Card card = cards.stream().filter(x -> x.source().topic().code().equals(e.getKey())).findFirst()
                    .orElseThrow(() -> new AssertionError("no card " + e.getKey() + " to check the evidence of"));
            e.getValue().forEach(ref -> assertThat(evidence(card)).as("evidence of %s", e.getKey()).contains(ref.asText()));
        });
    }

    @SuppressWarnings("unchecked")
    private static List<String> evidence(Card card) {
        Object refs = card.extension().get(CompiledCard.EVIDENCE_RESOURCES_EXTENSION);
        return refs == null ? List.of() : (List<String>) refs;
    }

    private static void assertValue(ClinicalCase c, String library, String name, Object actual, JsonNode expected) {
        String what = c + ": " + library + ".\"" + name + "\"";
        if (expected.isNull()) {
            assertThat(actual).as(what).isNull();
        } else if (expected.isBoolean()) {
            assertThat(actual).as(what).isEqualTo(expected.asBoolean());
        } else if (expected.isNumber()) {
            assertThat(actual).as(what).isNotNull();
            BigDecimal value = actual instanceof org.opencds.cqf.cql.engine.runtime.Quantity q ? q.getValue()
                    : new BigDecimal(actual.toString());
            assertThat(value).as(what).isEqualByComparingTo(expected.decimalValue());
        } else {
            assertThat(CqlValues.format(actual)).as(what).isEqualTo(expected.asText());
        }
    }
}
