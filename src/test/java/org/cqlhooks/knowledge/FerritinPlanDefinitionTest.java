package org.cqlhooks.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.cqlhooks.wire.Card;
import org.cqlhooks.cards.CardAssembler;
import org.cqlhooks.cql.Evaluation;
import org.cqlhooks.catalog.CdsService;
import org.cqlhooks.cases.ClinicalCase;
import org.cqlhooks.testing.TestContent;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bundled FERR-LOW rule re-expressed as a PlanDefinition (test package ferritin-plan, whose library includes
 * the bundled Iron library) gives the same finding as the own pain-lab-panel service on every FERR-LOW case: the
 * card or none, and then the same summary, indicator, source and card ID.
 */
class FerritinPlanDefinitionTest {

    private static final ZonedDateTime T = ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);

    static Stream<ClinicalCase> cases() {
        return ClinicalCase.all().filter(c -> c.service().equals("pain-lab-panel") && c.name().startsWith("Iron.ferr-")
                && c.parameters().isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void planDefinitionGivesTheOwnServicesFinding(ClinicalCase c) {
        List<IBaseResource> resources = c.resources(T);
        CdsService own = TestContent.catalog().find("pain-lab-panel").orElseThrow();
        Optional<Card> ownCard = CardAssembler.assemble(own.cards(), TestContent.evaluator(c.parameters())
                        .evaluate(new Evaluation(own.definitionsByLibrary(), c.patientId(), resources, T))).stream()
                .filter(card -> card.source().topic().code().equals("FERR-LOW")).findFirst();

        ContentPackages packages = TestPackages.folder();
        List<Card> packageCards = packages.evaluate(packages.find("ferritin-low").orElseThrow(), c.patientId(),
                c.resources(T), T);

        assertThat(ownCard.isPresent()).as("FERR-LOW expected by the case %s", c)
                .isEqualTo(c.cards().contains("FERR-LOW"));
        assertThat(packageCards).as("PlanDefinition cards of %s", c).hasSize(ownCard.isPresent() ? 1 : 0);
        ownCard.ifPresent(expected -> {
            Card card = packageCards.get(0);
            assertThat(card.summary()).isEqualTo(expected.summary());
            assertThat(card.indicator()).isEqualTo(expected.indicator());
            assertThat(card.source().label()).isEqualTo(expected.source().label());
            assertThat(card.source().url()).isEqualTo(expected.source().url());
            assertThat(card.source().topic().code()).isEqualTo("FERR-LOW");
            assertThat(card.detail()).startsWith(expected.detail().substring(0, expected.detail().indexOf("\n\n")));
        });
    }
}
