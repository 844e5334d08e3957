package org.cqlhooks.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.cqlhooks.cases.CaseChecks;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.test.web.servlet.ResultActions;

/**
 * What every content card must be, in every tier, as the case runner checks it ({@link CaseChecks}): readable
 * (records named by what they are, never by a resource id such as {@code Observation/abc-123}; those go to the
 * evidence extension), labelled with one of the evidence labels the README lists ("Bundled content") verbatim, and
 * naming its source once. And the card IDs of an answer, read one way everywhere.
 */
public final class CardChecks {

    /** The evidence labels the README lists; no variants. */
    public static final Set<String> EVIDENCE_LABELS = CaseChecks.EVIDENCE_LABELS;

    /** {@code Type/id} for any FHIR R4 resource type, the shape of a reference. */
    public static final Pattern RESOURCE_ID = CaseChecks.RESOURCE_ID;

    private CardChecks() {
    }

    public static void assertReadable(String what, String summary, String detail, String label, String sourceLabel) {
        assertThat(CaseChecks.readable(what, summary, detail, label, sourceLabel)).as(what).isEmpty();
    }

    /** Every evidence reference is a reference to one of the records the call sent. */
    public static void assertReferencesRecords(String what, List<String> references, Set<String> records) {
        assertThat(CaseChecks.recordsOfTheCall(what, references, records)).as(what).isEmpty();
    }

    /** The card IDs ({@code source.topic.code}) of a CDS Hooks response body, in order. */
    public static List<String> ids(String responseBody) {
        try {
            return ids(Requests.JSON.readTree(responseBody).get("cards"));
        } catch (JsonProcessingException e) {
            throw new AssertionError("not a CDS Hooks response: " + responseBody, e);
        }
    }

    /** The card IDs of a MockMvc answer, in order. */
    public static List<String> ids(ResultActions answer) throws UnsupportedEncodingException {
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
    public static Set<String> records(List<? extends IBaseResource> resources) {
        Set<String> records = new HashSet<>();
        resources.forEach(r -> records.add(r.fhirType() + "/" + r.getIdElement().getIdPart()));
        return records;
    }
}
