package org.cqlhooks.cards;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.util.FhirTerser;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.text.TextContentRenderer;
import org.cqlhooks.cql.RecordText;
import org.cqlhooks.catalog.LiveContent;
import org.cqlhooks.cases.ClinicalCase;
import org.cqlhooks.testing.Requests;
import org.cqlhooks.testing.ServerTest;
import org.cqlhooks.testing.TestContent;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Record text is data, never markup. Cases of each card family whose cards show record text are sent over real
 * HTTP with every displayed text of the record (medication and code texts, displays, units, reference displays,
 * notes, resource ids) carrying a hostile string; each answer is compared with the same case carrying a harmless
 * one. The detail must parse (as an EHR's CommonMark renderer would) into exactly the structure of the harmless
 * answer: no link, image, HTML, heading, list or code of the record's making, and the hostile text shown as the text
 * it is. The summary, plain text in 2.0.1, must not turn into markup either.
 */
@ServerTest
class HostileRecordTextTest {

    private static final String HARMLESS = "harmless words";
    private static final Parser COMMONMARK = Parser.builder().build();
    private static final HtmlRenderer HTML = HtmlRenderer.builder().build();
    private static final TextContentRenderer TEXT = TextContentRenderer.builder().build();
    private static final HttpClient http = HttpClient.newHttpClient();
    /** Cases whose cards show record text: medication and urine screen texts, condition texts, lab units. */
    private static final List<String> CASES = List.of("NaltrexoneOpioidSafety.ntx-opioid-and-uds-true-both-fire",
            "NaltrexoneOpioidSafety.ntx-opioid-true-ldn-medication-reference-text-only", "NaltrexoneOpioidSafety.ntx-block-true-P35-ldn-with-draft-oxycodone",
            "MecfsSafety.mecfs-pem-true-P37-with-fibromyalgia", "MimicExclusionLabs.lab-missing-conv-true-P25-fm-no-labs",
            "Thyroid.thy-hypo-true-P23-tsh-6.2-uIU-mL-high-ft4-0.6-low-same-day", "Magnesium.mg-rbc-lab-true-above-lab-range");

    static Stream<String> hostile() {
        return Stream.of(
                "[see order](javascript:alert(1)) <img src=x onerror=alert(1)>",
                "![tracker](https://evil.example/t.png)",
                "<script>alert(1)</script>",
                "<div onmouseover=\"alert(1)\">hover</div>",
                "<!-- hidden --> <?php x ?> <![CDATA[x]]>",
                "# Take 10x the dose",
                "- item one\n- item two",
                "1. first\n2. second",
                "+ plus item",
                "> quoted advice",
                "```js\nalert(1)\n```",
                "~~~\ncode\n~~~",
                "    indented code",
                "<https://evil.example> <javascript:alert(1)> <evil@example.org>",
                "&lt;img src=x onerror=alert(1)&gt; &#106;avascript:alert(1) &amp;",
                "[x](&#106;avascript:alert(1)) [y][ref]\n\n[ref]: javascript:alert(1)",
                "line one\r\n\r\n## two\n\n---\n\n***",
                "setext\n===\nunderline\n---",
                "back\\slash \\[not\\](javascript:alert(1)) \\",
                "＜img src=x onerror=alert(1)＞ ［link］（javascript:alert(1)） ＃ heading",
                "\u202Eevil reversed\u202C zero\u200Bwidth \u0000nul",
                "\uE000forged marker\uE001 <b>bold</b>",
                "***bold*** __under__ `code` ~~strike~~ | a | b |",
                "ends with a bang!");
    }

    @LocalServerPort
    int port;
    @Autowired
    LiveContent content;

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void hostileRecordTextNeverBecomesMarkup(String hostile) throws Exception {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
        for (String name : CASES) {
            ClinicalCase c = ClinicalCase.all().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
            Map<String, JsonNode> harmless = cards(c, poisoned(c, now, HARMLESS));
            Map<String, JsonNode> attacked = cards(c, poisoned(c, now, hostile));
            assertThat(attacked.keySet()).as("%s: the same cards fire", name).isEqualTo(harmless.keySet());
            assertThat(harmless).as("%s: some card shows record text", name).isNotEmpty();
            for (String card : harmless.keySet()) {
                String what = name + " " + card;
                String detail = attacked.get(card).path("detail").asText();
                String harmlessDetail = harmless.get(card).path("detail").asText();
                assertThat(structure(detail)).as("%s: detail structure", what).isEqualTo(structure(harmlessDetail));
                String html = HTML.render(COMMONMARK.parse(detail));
                assertThat(html).as("%s: rendered detail", what).doesNotContain("<img", "<script", "<div", "<b>",
                        "href=\"javascript", "<h1", "<h2", "<pre", "<blockquote", "<!--", "<?php");
                if (TEXT.render(COMMONMARK.parse(harmlessDetail)).contains(HARMLESS)) {
                    // What the clinician reads is the record's text, whitespace aside.
                    assertThat(TEXT.render(COMMONMARK.parse(detail)).replaceAll("\\s+", " "))
                            .as("%s: the hostile text is shown as text", what).contains(readable(hostile));
                }
                String summary = attacked.get(card).path("summary").asText();
                String harmlessSummary = harmless.get(card).path("summary").asText();
                assertThat(structure(summary)).as("%s: summary structure", what)
                        .isEqualTo(structure(harmlessSummary));
                assertThat(harmlessSummary).as("%s: a plain summary has no backslash", what).doesNotContain("\\");
            }
        }
    }

    /** The case's resources with every displayed record text carrying {@code text}. */
    private static List<IBaseResource> poisoned(ClinicalCase c, ZonedDateTime now, String text) {
        FhirTerser terser = TestContent.FHIR.newTerser();
        List<IBaseResource> resources = new ArrayList<>();
        for (IBaseResource original : c.resources(now)) {
            Resource resource = ((Resource) original).copy();
            for (CodeableConcept concept : terser.getAllPopulatedChildElementsOfType(resource, CodeableConcept.class)) {
                if (concept.hasText()) {
                    concept.setText(concept.getText() + " " + text);
                }
                for (Coding coding : concept.getCoding()) {
                    coding.setDisplay(text);
                }
            }
            for (Quantity quantity : terser.getAllPopulatedChildElementsOfType(resource, Quantity.class)) {
                if (quantity.hasUnit()) {
                    quantity.setUnit(quantity.getUnit() + " " + text);
                }
            }
            for (Reference reference : terser.getAllPopulatedChildElementsOfType(resource, Reference.class)) {
                reference.setDisplay(text);
            }
            for (Annotation note : terser.getAllPopulatedChildElementsOfType(resource, Annotation.class)) {
                note.setText(text);
            }
            // Ids of resources nothing refers to (a '/' would make another id, not a hostile one).
            if (!List.of("Patient", "Medication").contains(resource.fhirType()) && resource.hasIdElement()) {
                resource.setId(resource.getIdElement().getIdPart() + text.replaceAll("[/\\s]", ""));
            }
            resources.add(resource);
        }
        return resources;
    }

    /** The cards of the call, by card ID. */
    private Map<String, JsonNode> cards(ClinicalCase c, List<IBaseResource> resources) throws Exception {
        var request = Requests.withPrefetch(content.catalog().find(c.service()).orElseThrow(), c.patientId(),
                resources);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/cds-services/" + c.service()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, JsonNode> cards = new LinkedHashMap<>();
        for (JsonNode card : Requests.JSON.readTree(response.body()).get("cards")) {
            cards.put(card.at("/source/topic/code").asText(), card);
        }
        return cards;
    }

    /** How many CommonMark nodes of each kind other than text the markdown parses into. */
    private static Map<String, Integer> structure(String markdown) {
        Map<String, Integer> kinds = new HashMap<>();
        COMMONMARK.parse(markdown).accept(new AbstractVisitor() {
            @Override
            protected void visitChildren(Node parent) {
                if (!(parent instanceof Text)) {
                    kinds.merge(parent.getClass().getSimpleName(), 1, Integer::sum);
                }
                super.visitChildren(parent);
            }
        });
        return kinds;
    }

    /** The hostile text as a card shows it: on one line, without control or invisible characters. */
    private static String readable(String hostile) {
        return RecordText.normalise(hostile);
    }
}
