package org.cqlhooks.prefetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The prefetch as one pass reads it: searchset entries no rule reads are left out (and counted), everything a rule
 * may read is kept exactly as sent, keys the service does not ask for are only counted, and the JSON limits hold
 * inside what is left out.
 */
class PrefetchReaderTest {

    private static final String LOINC = "http://loinc.org";
    private static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    private static final ObjectMapper JSON = PrefetchReader.treeMapper(new ObjectMapper());

    /** Ferritin Observations by code; opioid orders by medication code; every Patient; no Condition. */
    private static final ReadSet READS = ReadSet.builder()
            .code("Observation", "code", LOINC, "2276-4")
            .code("MedicationRequest", "medication", RXNORM, "1049621")
            .everyResource("Patient")
            .build();

    private static PrefetchReader.Read read(String prefetch, Set<String> keys, ReadSet reads) throws IOException {
        return read(prefetch, keys, reads, JSON);
    }

    private static PrefetchReader.Read read(String prefetch, Set<String> keys, ReadSet reads, ObjectMapper mapper)
            throws IOException {
        byte[] body = ("{\"prefetch\":" + prefetch + "}").getBytes(StandardCharsets.UTF_8);
        try (JsonParser parser = mapper.createParser(body)) {
            parser.nextToken();
            parser.nextToken();
            assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            return PrefetchReader.read(parser, body, mapper, keys, reads);
        }
    }

    private static String searchset(String... resources) {
        List<String> entries = new ArrayList<>();
        for (String resource : resources) {
            entries.add("{\"fullUrl\":\"urn:x\",\"resource\":" + resource + ",\"search\":{\"mode\":\"match\"}}");
        }
        return "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"total\":" + resources.length
                + ",\"entry\":[" + String.join(",", entries) + "]}";
    }

    private static String observation(String id, String system, String code) {
        return "{\"resourceType\":\"Observation\",\"id\":\"" + id + "\",\"status\":\"final\",\"code\":{\"coding\":"
                + "[{\"system\":\"" + system + "\",\"code\":\"" + code + "\",\"display\":\"x\"}],\"text\":\"t\"},"
                + "\"valueQuantity\":{\"value\":12.50,\"unit\":\"ng/mL\"},\"subject\":{\"reference\":\"Patient/p\"}}";
    }

    private static List<String> ids(JsonNode bundle) {
        List<String> ids = new ArrayList<>();
        bundle.path("entry").forEach(e -> ids.add(e.path("resource").path("id").asText()));
        return ids;
    }

    @Test
    void leavesOutTheEntriesNoRuleReadsAndCountsThem() throws IOException {
        String labs = searchset(observation("ferritin", LOINC, "2276-4"), observation("glucose", LOINC, "2339-0"),
                observation("ferritin-other-system", "http://example.org/local", "2276-4"),
                "{\"resourceType\":\"Condition\",\"id\":\"c\",\"code\":{\"coding\":[{\"system\":\"s\",\"code\":\"1\"}]}}",
                "{\"resourceType\":\"Patient\",\"id\":\"p\"}");
        PrefetchReader.Read read = read("{\"labs\":" + labs + "}", Set.of("labs"), READS);
        assertThat(ids(read.prefetch().get("labs"))).containsExactly("ferritin", "p");
        assertThat(read.skipped()).isEqualTo(3);
        assertThat(read.resources()).isEqualTo(5);
    }

    @Test
    void keepsWhatItKeepsExactlyAsSent() throws IOException {
        String labs = searchset(observation("ferritin", LOINC, "2276-4"), observation("glucose", LOINC, "2339-0"));
        JsonNode kept = read("{\"labs\":" + labs + "}", Set.of("labs"), READS).prefetch().get("labs");
        JsonNode sent = JSON.readTree(labs);
        assertThat(kept.path("entry").get(0)).isEqualTo(sent.path("entry").get(0));
        assertThat(kept.path("entry").get(0).at("/resource/valueQuantity/value").decimalValue())
                .isEqualByComparingTo("12.50");
        assertThat(kept.path("type").asText()).isEqualTo("searchset");
        assertThat(kept.path("total").asInt()).isEqualTo(2);
    }

    @Test
    void anOrderNamingAMedicationIsKeptWhateverItsCodes() throws IOException {
        String orders = searchset(
                "{\"resourceType\":\"MedicationRequest\",\"id\":\"coded-opioid\",\"medicationCodeableConcept\":"
                        + "{\"coding\":[{\"system\":\"" + RXNORM + "\",\"code\":\"1049621\"}]}}",
                "{\"resourceType\":\"MedicationRequest\",\"id\":\"coded-other\",\"medicationCodeableConcept\":"
                        + "{\"coding\":[{\"system\":\"" + RXNORM + "\",\"code\":\"197361\"}]}}",
                "{\"resourceType\":\"MedicationRequest\",\"id\":\"by-reference\","
                        + "\"medicationReference\":{\"reference\":\"Medication/m1\"}}",
                "{\"resourceType\":\"MedicationRequest\",\"id\":\"contained\",\"contained\":[{\"resourceType\":"
                        + "\"Medication\",\"id\":\"m\",\"code\":{\"coding\":[{\"system\":\"" + RXNORM
                        + "\",\"code\":\"1049621\"}]}}],\"medicationReference\":{\"reference\":\"#m\"}}",
                "{\"resourceType\":\"MedicationRequest\",\"id\":\"text-only\",\"medicationCodeableConcept\":"
                        + "{\"text\":\"LDN 4.5 mg\"}}",
                "{\"resourceType\":\"Medication\",\"id\":\"m1\",\"code\":{\"coding\":[{\"system\":\"" + RXNORM
                        + "\",\"code\":\"7243\"}]}}");
        PrefetchReader.Read read = read("{\"orders\":" + orders + "}", Set.of("orders"), READS);
        // A medication code the retrieve names, a Medication named by reference or contained (its codes are copied
        // into the order before the rules run), and the Medications themselves stay; another code does not; an
        // order with text and no coding cannot match a coded retrieve.
        assertThat(ids(read.prefetch().get("orders"))).containsExactly("coded-opioid", "by-reference", "contained",
                "m1");
        assertThat(read.skipped()).isEqualTo(2);
    }

    @Test
    void whatItCannotSettleIsKept() throws IOException {
        String odd = searchset(
                "{\"id\":\"no-type\",\"code\":{\"coding\":[{\"system\":\"" + LOINC + "\",\"code\":\"2339-0\"}]}}",
                "{\"resourceType\":5,\"id\":\"numeric-type\"}",
                "{\"resourceType\":\"Observation\",\"id\":\"numeric-code\",\"code\":{\"coding\":[{\"system\":\""
                        + LOINC + "\",\"code\":2339}]}}",
                "{\"resourceType\":\"Observation\",\"id\":\"code-a-string\",\"code\":\"2339-0\"}",
                "{\"id\":\"type-last\",\"code\":{\"coding\":[{\"system\":\"" + LOINC + "\",\"code\":\" 2276-4 \"}]},"
                        + "\"resourceType\":\"Observation\"}");
        PrefetchReader.Read read = read("{\"labs\":" + odd + "}", Set.of("labs"), READS);
        assertThat(ids(read.prefetch().get("labs"))).containsExactly("no-type", "numeric-type", "numeric-code",
                "code-a-string", "type-last");
        assertThat(read.skipped()).isZero();
    }

    @Test
    void theTypeDecidesWhereverItStandsButAResourceNamingTwoIsKept() throws IOException {
        String labs = searchset(
                "{\"id\":\"glucose-type-last\",\"code\":{\"coding\":[{\"system\":\"" + LOINC
                        + "\",\"code\":\"2339-0\"}]},\"resourceType\":\"Observation\"}",
                "{\"resourceType\":\"Condition\",\"id\":\"condition-first\",\"code\":{\"coding\":[{\"system\":"
                        + "\"" + LOINC + "\",\"code\":\"2276-4\"}]}}",
                "{\"resourceType\":\"Condition\",\"id\":\"type-twice\",\"resourceType\":\"Observation\"}",
                "{\"resourceType\":\"Observation\",\"id\":\"type-twice-same\",\"resourceType\":\"Observation\","
                        + "\"code\":{\"coding\":[{\"system\":\"" + LOINC + "\",\"code\":\"2339-0\"}]}}");
        PrefetchReader.Read read = read("{\"labs\":" + labs + "}", Set.of("labs"), READS);
        // A code no rule reads is left out before or after the type; a type no rule reads is left out whatever
        // codes follow it; a resource that names its type twice is not settled, so it stays.
        assertThat(ids(read.prefetch().get("labs"))).containsExactly("type-twice", "type-twice-same");
        assertThat(read.skipped()).isEqualTo(2);
    }

    @Test
    void onlySearchsetEntriesAreLeftOut() throws IOException {
        String single = observation("glucose", LOINC, "2339-0");
        String entryBeforeType = "{\"entry\":[{\"resource\":" + observation("g2", LOINC, "2339-0")
                + "}],\"resourceType\":\"Bundle\"}";
        String outcome = "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"x\"}]}";
        PrefetchReader.Read read = read("{\"one\":" + single + ",\"late\":" + entryBeforeType + ",\"oo\":" + outcome
                + "}", Set.of("one", "late", "oo"), READS);
        assertThat(read.prefetch().get("one")).isEqualTo(JSON.readTree(single));
        assertThat(ids(read.prefetch().get("late"))).containsExactly("g2");
        assertThat(read.prefetch().get("oo")).isEqualTo(JSON.readTree(outcome));
        assertThat(read.skipped()).isZero();
    }

    @Test
    void keysTheServiceDoesNotAskForAreCountedNotKept() throws IOException {
        String labs = searchset(observation("a", LOINC, "2339-0"), observation("b", LOINC, "2339-0"));
        PrefetchReader.Read read = read("{\"other\":" + labs + ",\"patient\":{\"resourceType\":\"Patient\"},"
                + "\"missing\":null,\"labs\":" + labs + "}", Set.of("labs", "missing"), READS);
        assertThat(read.prefetch().has("other")).isFalse();
        assertThat(read.prefetch().has("patient")).isFalse();
        assertThat(read.prefetch().get("missing").isNull()).isTrue();
        assertThat(read.resources()).isEqualTo(2 + 1 + 2);
        assertThat(read.skipped()).isEqualTo(2);
    }

    @Test
    void aKeySentTwiceCountsAsItsLastValue() throws IOException {
        String three = searchset(observation("a", LOINC, "1"), observation("b", LOINC, "1"),
                observation("c", LOINC, "1"));
        String one = searchset(observation("d", LOINC, "2276-4"));
        PrefetchReader.Read read = read("{\"labs\":" + three + ",\"labs\":" + one + "}", Set.of("labs"), READS);
        assertThat(read.resources()).isEqualTo(1);
        assertThat(ids(read.prefetch().get("labs"))).containsExactly("d");
    }

    @Test
    void withoutReadSetEverythingIsKept() throws IOException {
        String labs = searchset(observation("a", LOINC, "2339-0"), "{\"resourceType\":\"Claim\",\"id\":\"c\"}");
        PrefetchReader.Read read = read("{\"labs\":" + labs + ",\"x\":[1]}", null, ReadSet.EVERYTHING);
        assertThat(read.prefetch().get("labs")).isEqualTo(JSON.readTree(labs));
        assertThat(read.prefetch().get("x").isArray()).isTrue();
        assertThat(read.skipped()).isZero();
        assertThat(read.resources()).isEqualTo(2);
    }

    @Test
    void theJsonLimitsHoldInsideWhatIsLeftOut() {
        ObjectMapper limited = JSON.copy();
        limited.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxStringLength(1000)
                .maxNestingDepth(20).build());
        String longText = observation("long", LOINC, "2339-0").replace("\"text\":\"t\"",
                "\"text\":\"" + "x".repeat(5000) + "\"");
        assertThatThrownBy(() -> read("{\"labs\":" + searchset(longText) + "}", Set.of("labs"), READS, limited))
                .isInstanceOf(StreamConstraintsException.class);
        assertThatThrownBy(() -> read("{\"other\":" + searchset(longText) + "}", Set.of("labs"), READS, limited))
                .isInstanceOf(StreamConstraintsException.class);
        String deep = observation("deep", LOINC, "2339-0").replace("\"status\":\"final\"",
                "\"extension\":" + "[".repeat(30) + "]".repeat(30));
        assertThatThrownBy(() -> read("{\"labs\":" + searchset(deep) + "}", Set.of("labs"), READS, limited))
                .isInstanceOf(StreamConstraintsException.class);
    }
}
