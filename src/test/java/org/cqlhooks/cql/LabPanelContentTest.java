package org.cqlhooks.cql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cqlhooks.cards.CompiledCard;
import org.cqlhooks.catalog.CdsService;
import org.cqlhooks.evaluation.PatientResources;
import org.cqlhooks.cases.ClinicalCase;
import org.cqlhooks.testing.TestContent;
import org.cqlhooks.wire.Card;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Content-wide rules of the lab panel: the card catalogue is complete, every non-guideline card is off by default and
 * turned on by its own switch or the switch for all, says so first in its detail and carries the non-guideline
 * evidence label, and every site parameter is documented.
 */
class LabPanelContentTest {

    private static final ZonedDateTime T = ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
    private static final CdsService SERVICE = TestContent.catalog().find("pain-lab-panel").orElseThrow();
    private static final List<String> FUNCTIONAL = List.of("VITD-FUNC", "HSCRP-FUNC", "MG-RBC-FUNC", "O3I-FUNC",
            "FERR-FUNC", "LAB-MISSING-FUNC");
    private static final String NON_GUIDELINE = "Expert opinion / non-guideline";

    @Test
    void theServiceHasEveryCardOfTheSecondHalfOfTheCatalogue() {
        assertThat(SERVICE.cards()).extracting(CompiledCard::id).containsExactlyInAnyOrder("VITD-IOM-LOW",
                "VITD-IOM-INADEQ", "VITD-HIGH", "CRP-HIGH", "HSCRP-CV", "MG-RBC-LAB", "MG-SERUM-LAB", "FERR-LOW",
                "FERR-RLS", "THY-HYPO", "THY-SUBCLIN", "THY-TPO", "THY-LOW", "B12-FUNC", "ESR-HIGH", "VITD-FUNC",
                "HSCRP-FUNC", "MG-RBC-FUNC", "O3I-FUNC", "FERR-FUNC", "LAB-MISSING-FUNC");
    }

    @Test
    void withDefaultsNoNonGuidelineCardFiresEvenWhenTheirDataWouldQualify() {
        assertThat(fired(Map.of())).doesNotContainAnyElementsOf(FUNCTIONAL).contains("VITD-HIGH", "FERR-LOW");
    }

    @ParameterizedTest
    @ValueSource(strings = {"VITD-FUNC", "HSCRP-FUNC", "MG-RBC-FUNC", "O3I-FUNC", "FERR-FUNC", "LAB-MISSING-FUNC"})
    void eachSwitchTurnsOnItsOwnCardOnlyWhichSaysItIsNonGuideline(String cardId) {
        List<Card> cards = cards(Map.of("Enable " + cardId, "true"));
        List<String> ids = cards.stream().map(c -> c.source().topic().code()).toList();
        assertThat(ids).contains(cardId).doesNotContainAnyElementsOf(
                FUNCTIONAL.stream().filter(id -> !id.equals(cardId)).toList());

        Card card = cards.stream().filter(c -> c.source().topic().code().equals(cardId)).findFirst().orElseThrow();
        String firstLine = card.detail().lines().findFirst().orElseThrow();
        assertThat(firstLine).contains("Non-guideline target").containsIgnoringCase("expert opinion only");
        assertThat(card.extension()).containsEntry(CompiledCard.EVIDENCE_EXTENSION, NON_GUIDELINE);
        assertThat(card.detail()).contains("Evidence: **" + NON_GUIDELINE + "**");
    }

    @Test
    void theSwitchForAllTurnsOnEveryNonGuidelineCard() {
        assertThat(fired(Map.of("Enable All Functional Cards", "true"))).containsAll(FUNCTIONAL);
    }

    @Test
    void everySiteParameterIsDocumentedInTheReadme() throws IOException {
        String docs = Files.readString(Path.of("README.md"));
        Set<String> names = new LinkedHashSet<>();
        for (String config : List.of("cql/PainCdsConfig.cql")) {
            Matcher m = Pattern.compile("(?m)^parameter \"([^\"]+)\"").matcher(Files.readString(Path.of(config)));
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        assertThat(names).hasSizeGreaterThan(30);
        names.forEach(name -> assertThat(docs).as("README row for %s", name).contains("`" + name + "`"));
    }

    /**
     * Cards for three patients whose data together would qualify for every card: the all-cards case, an FM patient,
     * and a 25(OH)D of 40 ng/mL (VITD-FUNC speaks only at or below 50 ng/mL, where VITD-HIGH is silent).
     */
    private static List<Card> cards(Map<String, String> parameters) {
        List<Card> all = new java.util.ArrayList<>();
        for (String name : List.of("lab-all-cards-one-patient-each-card-once", "FunctionalPanel.lab-missing-func-true-fm-no-labs",
                "VitaminD.vitd-func-true-40-ng-with-all-functional-switch")) {
            ClinicalCase c = ClinicalCase.all().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
            var evaluated = TestContent.evaluation(parameters)
                    .evaluate(SERVICE, new PatientResources(c.patientId(), c.resources(T)), T, Map.of());
            evaluated.results().forEach((lib, r) -> assertThat(r.failure()).as("library %s", lib).isNull());
            all.addAll(evaluated.cards());
        }
        all.forEach(card -> assertThat(card.summary()).hasSizeLessThan(Card.SUMMARY_LIMIT).doesNotEndWith("…"));
        return all;
    }

    private static List<String> fired(Map<String, String> parameters) {
        return cards(parameters).stream().map(c -> c.source().topic().code()).toList();
    }
}
