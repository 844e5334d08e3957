package org.cqlhooks.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.test.web.servlet.ResultActions;

/**
 * What every content card must be, in every tier: readable (records named by what they are, never by a resource id
 * such as {@code Observation/abc-123}; those go to the evidence extension), labelled with one of the evidence labels
 * the README lists ("Bundled content") verbatim, and naming its source once.
 */
public final class CardChecks {

    /** The evidence labels the README lists; no variants. */
    public static final Set<String> EVIDENCE_LABELS = Set.of("Regulatory label", "Guideline-based",
            "Validated criteria/instrument", "RCT-supported (limited)", "Low-quality evidence",
            "Expert opinion / non-guideline", "Lab reference range");

    /** {@code Type/id} for any FHIR R4 resource type, the shape of a reference. */
    public static final Pattern RESOURCE_ID = Pattern.compile("\\b(" + TestContent.FHIR.getResourceTypes().stream()
            .sorted((a, b) -> b.length() - a.length()).collect(Collectors.joining("|")) + ")/[A-Za-z0-9.\\-]{1,64}");

    private CardChecks() {
    }

    public static void assertReadable(String what, String summary, String detail, String label, String sourceLabel) {
        assertThat(RESOURCE_ID.matcher(summary).find()).as("%s: summary names a resource id: %s", what, summary)
                .isFalse();
        assertThat(RESOURCE_ID.matcher(detail).find()).as("%s: detail names a resource id: %s", what, detail)
                .isFalse();
        assertThat(EVIDENCE_LABELS).as("%s: evidence label", what).contains(label);
        assertThat(count(detail, sourceLabel)).as("%s: the source is named once in the detail", what).isEqualTo(1);
    }

    /** Every evidence reference is a reference to one of the records the call sent. */
    public static void assertReferencesRecords(String what, List<String> references, Set<String> records) {
        references.forEach(ref -> {
            assertThat(ref).as("%s: evidence reference", what).matches(RESOURCE_ID.pattern());
            assertThat(records).as("%s: %s is a record of the call", what, ref).contains(ref);
        });
    }

    /** The card IDs ({@code source.topic.code}) of a CDS Hooks response body, in order. */
    public static List<String> ids(String responseBody) {
        try {
            return ids(Requests.JSON.readTree(responseBody).get("cards"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError("not a CDS Hooks response: " + responseBody, e);
        }
    }

    /** The card IDs of a MockMvc answer, in order. */
    public static List<String> ids(ResultActions answer) throws java.io.UnsupportedEncodingException {
        return ids(answer.andReturn().getResponse().getContentAsString());
    }

    /** The card IDs of a response's {@code cards} array, in order. */
    public static List<String> ids(JsonNode cards) {
        assertThat(cards).as("the response's cards").isNotNull();
        List<String> ids = new ArrayList<>();
        cards.forEach(card -> ids.add(card.at("/source/topic/code").asText()));
        return ids;
    }

    /**
     * Every card of a content service's answer: a summary under the limit, a source, readable ({@link #assertReadable}),
     * and evidence references only to records of the call. Returns the card IDs.
     */
    public static List<String> assertContentCards(String what, JsonNode cards, Set<String> records) {
        for (JsonNode card : cards) {
            String id = what + " " + card.at("/source/topic/code").asText();
            assertThat(card.get("summary").asText().length()).as("%s: summary length", id).isLessThan(140);
            assertThat(card.at("/source/label").asText()).as("%s: source", id).isNotBlank();
            assertReadable(id, card.get("summary").asText(), card.get("detail").asText(),
                    card.at("/extension/org.cqlhooks.evidence").asText(), card.at("/source/label").asText());
            assertReferencesRecords(id, evidence(card), records);
        }
        return ids(cards);
    }

    /** The references in a card's evidence extension. */
    public static List<String> evidence(JsonNode card) {
        List<String> evidence = new ArrayList<>();
        card.at("/extension/org.cqlhooks.evidence-resources").forEach(ref -> evidence.add(ref.asText()));
        return evidence;
    }

    /** "Type/id" of each resource, as evidence references name records. */
    public static Set<String> records(List<? extends org.hl7.fhir.instance.model.api.IBaseResource> resources) {
        Set<String> records = new java.util.HashSet<>();
        resources.forEach(r -> records.add(r.fhirType() + "/" + r.getIdElement().getIdPart()));
        return records;
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }
}
