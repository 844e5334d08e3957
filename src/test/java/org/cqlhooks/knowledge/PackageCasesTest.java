package org.cqlhooks.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;
import org.cqlhooks.wire.Card;
import org.cqlhooks.cards.CompiledCard;
import org.cqlhooks.cases.ClinicalCase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * In process: every case of the test IG's services through {@code $apply} and the card mapping, once with the IG
 * as a source folder and once as an NPM package; both must give exactly the case's cards.
 */
class PackageCasesTest {

    static Stream<Arguments> cases() {
        return PackageCases.all().flatMap(c -> Stream.of(Arguments.of("folder", c), Arguments.of("npm", c)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void caseGivesItsCards(String layout, ClinicalCase c) {
        ContentPackages packages = layout.equals("folder") ? TestPackages.folder() : TestPackages.npm();
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
        PackageService service = packages.find(c.service()).orElseThrow();

        List<Card> cards = packages.evaluate(service, c.patientId(), c.resources(now), now);

        assertThat(cards).extracting(card -> card.source().topic().code()).as("cards of %s", c)
                .containsExactlyInAnyOrderElementsOf(c.cards());
        for (Card card : cards) {
            assertThat(card.source().topic().system()).isEqualTo(service.planDefinition().getUrl());
            assertThat(card.summary()).isNotBlank().hasSizeLessThan(140);
            assertThat(card.extension()).containsKey(CompiledCard.EVIDENCE_EXTENSION);
            JsonNode expected = PackageCases.details(c, card.source().topic().code());
            if (expected.has("summary")) {
                assertThat(card.summary()).isEqualTo(expected.get("summary").asText());
            }
            if (expected.has("indicator")) {
                assertThat(card.indicator().code()).isEqualTo(expected.get("indicator").asText());
            }
        }
    }
}
