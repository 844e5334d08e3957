package org.cqlhooks.cards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cqlhooks.cards.CompiledCard.CardText;
import org.cqlhooks.cql.LibraryResult;
import org.cqlhooks.wire.Card;
import org.cqlhooks.wire.CdsResponse;
import org.cqlhooks.wire.Coding;
import org.cqlhooks.wire.Indicator;
import org.cqlhooks.wire.SelectionBehavior;
import org.cqlhooks.wire.Source;
import org.cqlhooks.wire.Suggestion;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;
import org.opencds.cqf.cql.engine.runtime.Quantity;

class CompiledCardTest {

    private static final ObjectMapper WIRE = new ObjectMapper()
            .setDefaultPropertyInclusion(JsonInclude.Include.NON_EMPTY);

    private static CompiledCard card(String indicator, String summary, String detail) {
        return new CompiledCard(new CardText("CSI-POS", "CSI screen positive", indicator, summary, detail,
                "Validated criteria/instrument (screening)"), "Lib", "Fires",
                new Source("Neblett 2013", "https://doi.org/10.1016/j.jpain.2012.11.012", null, null), List.of(),
                List.of());
    }

    private static LibraryResult result(Object... pairs) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put((String) pairs[i], pairs[i + 1]);
        }
        return new LibraryResult(values, null);
    }

    @Test
    void buildsTheCardWhenTheConditionIsTrueFillingPlaceholders() {
        Card card = card("info", "CSI ${Score} (≥40): screen positive", "Score ${Score} on ${Date}.")
                .build(result("Fires", true, "Score", 40, "Date", "2026-10-01")).orElseThrow();

        assertThat(card.summary()).isEqualTo("CSI 40 (≥40): screen positive");
        assertThat(card.detail()).startsWith("Score 40 on 2026-10-01.")
                .contains("Evidence: **Validated criteria/instrument (screening)**")
                .contains("[Neblett 2013](https://doi.org/10.1016/j.jpain.2012.11.012)");
        assertThat(card.indicator()).isEqualTo(Indicator.INFO);
        assertThat(card.uuid()).matches("[0-9a-f-]{36}");
        assertThat(card.source().topic()).isEqualTo(new Coding(CompiledCard.CARD_TYPE_SYSTEM, "CSI-POS",
                "CSI screen positive"));
        assertThat(card.extension()).containsEntry(CompiledCard.EVIDENCE_EXTENSION,
                "Validated criteria/instrument (screening)");
    }

    @Test
    void noCardWhenTheConditionIsFalseOrHasNoValue() {
        CompiledCard rule = card("info", "s", "d");
        assertThat(rule.build(result("Fires", false))).isEmpty();
        assertThat(rule.build(result())).isEmpty();
    }

    @Test
    void theIndicatorCanComeFromADefinition() {
        CompiledCard rule = card("${Level}", "25(OH)D ${Value}", "");
        Quantity value = new Quantity().withValue(new BigDecimal("100.20")).withUnit("ng/mL");
        Card card = rule.build(result("Fires", true, "Level", "warning", "Value", value)).orElseThrow();
        assertThat(card.indicator()).isEqualTo(Indicator.WARNING);
        assertThat(card.summary()).isEqualTo("25(OH)D 100.2 ng/mL");
        assertThatThrownBy(() -> rule.build(result("Fires", true, "Level", "urgent")))
                .hasMessageContaining("indicator 'urgent'");
    }

    @Test
    void theEvidenceLabelCanComeFromADefinitionAndIsReadWithTheCard() {
        CompiledCard rule = new CompiledCard(new CardText("VITD-HIGH", "Vitamin D high", "${Level}", "25(OH)D ${Value}",
                "Detail.", "${Label}"), "VitaminD", "Fires", new Source("IOM 2011", null, null, null), List.of(),
                List.of());
        assertThat(rule.definitions()).contains("Label");
        assertThat(rule.placeholders()).contains("Label");

        Card warning = rule.build(result("Fires", true, "Level", "warning", "Value", "100.16",
                "Label", "Expert opinion / non-guideline")).orElseThrow();
        assertThat(warning.extension()).containsEntry(CompiledCard.EVIDENCE_EXTENSION, "Expert opinion / non-guideline");
        assertThat(warning.detail()).contains("Evidence: **Expert opinion / non-guideline**");

        Card info = rule.build(result("Fires", true, "Level", "info", "Value", "65", "Label", "Guideline-based"))
                .orElseThrow();
        assertThat(info.extension()).containsEntry(CompiledCard.EVIDENCE_EXTENSION, "Guideline-based");
        assertThatThrownBy(() -> rule.build(result("Fires", true, "Level", "info", "Value", "65")))
                .hasMessageContaining("evidence label");
    }

    @Test
    void theRecordsAFindingRestsOnGoToTheExtensionNeverTheText() {
        CompiledCard rule = new CompiledCard(new CardText("CSI-POS", "CSI screen positive", "info", "CSI ${Score}",
                "Score ${Score}.", "Validated criteria/instrument", "Records"), "Lib", "Fires",
                new Source("Neblett 2013", null, null, null), List.of(), List.of());
        assertThat(rule.definitions()).contains("Records");
        assertThat(rule.placeholders()).doesNotContain("Records");

        Observation csi = new Observation();
        csi.setId("csi-1");
        Card card = rule.build(result("Fires", true, "Score", 40, "Records",
                java.util.Arrays.asList("Condition/fm", null, csi, "Condition/fm", new Observation()))).orElseThrow();
        assertThat(card.extension()).containsEntry(CompiledCard.EVIDENCE_EXTENSION, "Validated criteria/instrument")
                .containsEntry(CompiledCard.EVIDENCE_RESOURCES_EXTENSION, List.of("Condition/fm", "Observation/csi-1"));
        assertThat(card.detail()).doesNotContain("Condition/fm").doesNotContain("csi-1");

        Card none = rule.build(result("Fires", true, "Score", 40, "Records", List.of())).orElseThrow();
        assertThat(none.extension()).containsOnlyKeys(CompiledCard.EVIDENCE_EXTENSION);
        JsonNode json = WIRE.valueToTree(card);
        assertThat(json.at("/extension/org.cqlhooks.evidence").asText()).isEqualTo("Validated criteria/instrument");
        assertThat(json.at("/extension/org.cqlhooks.evidence-resources/1").asText()).isEqualTo("Observation/csi-1");
    }

    @Test
    void aSummaryIsAlwaysUnder140Characters() {
        Card card = card("info", "${Long}", "").build(result("Fires", true, "Long", "x ".repeat(200))).orElseThrow();
        assertThat(card.summary().length()).isLessThan(140);
        assertThat(card.summary()).endsWith("…");
    }

    @Test
    void emptyOptionalFieldsAreOmittedOnTheWire() {
        Card card = card("info", "s", "d").build(result("Fires", true)).orElseThrow();
        JsonNode json = WIRE.valueToTree(card);

        assertThat(json.fieldNames()).toIterable()
                .containsExactlyInAnyOrder("uuid", "summary", "detail", "indicator", "source", "extension");
        assertThat(json.get("source").fieldNames()).toIterable().containsExactlyInAnyOrder("label", "url", "topic");
        assertThat(json.get("indicator").asText()).isEqualTo("info");
    }

    @Test
    void cardsWithSuggestionsNeedASelectionBehavior() {
        Source source = new Source("s", null, null, null);
        Suggestion suggestion = new Suggestion("Do it", null, null, List.of());
        assertThatThrownBy(() -> new Card(null, "s", null, Indicator.INFO, source, List.of(suggestion), null, null,
                null, null)).hasMessageContaining("selectionBehavior");
        Card ok = new Card(null, "s", null, Indicator.INFO, source, List.of(suggestion), SelectionBehavior.ANY, null,
                null, null);
        assertThat(WIRE.valueToTree(ok).get("selectionBehavior").asText()).isEqualTo("any");
    }

    @Test
    void cardsRefuseAMissingSummaryOrSource() {
        assertThatThrownBy(() -> new Card(null, " ", null, Indicator.INFO, new Source("s", null, null, null), null,
                null, null, null, null)).hasMessageContaining("summary");
        assertThatThrownBy(() -> new Card(null, "s", null, Indicator.INFO, null, null, null, null, null, null))
                .hasMessageContaining("source.label");
    }

    @Test
    void anEmptyResponseStillCarriesTheCardsArray() {
        JsonNode json = WIRE.valueToTree(CdsResponse.of(List.of()));
        assertThat(json.toString()).isEqualTo("{\"cards\":[]}");
    }
}
