package org.cqlhooks.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import org.cqlhooks.cql.CqlParameters;
import org.cqlhooks.cql.CqlProperties;
import org.cqlhooks.testing.TestContent;
import org.junit.jupiter.api.Test;

/**
 * docs/card-catalogue.md is the content as it is: the page committed is the page {@link CardCatalogue} writes from
 * the card files and the compiled CQL. Regenerate it with
 * {@code mvn -B -q test -Dtest=CardCatalogueTest -Dcatalogue.write=true}.
 */
class CardCatalogueTest {

    static final String REGENERATE = "mvn -B -q test -Dtest=CardCatalogueTest -Dcatalogue.write=true";

    private final String generated = new CardCatalogue(
            new CqlParameters(new CqlProperties(Map.of()), TestContent.libraries()).ranges()).markdown();

    @Test
    void theCommittedCatalogueIsTheContentAsItIs() throws IOException {
        if (Boolean.getBoolean("catalogue.write")) {
            Files.writeString(CardCatalogue.PAGE, generated);
        }
        assertThat(Files.exists(CardCatalogue.PAGE)).as("%s is missing: write it with %s", CardCatalogue.PAGE,
                REGENERATE).isTrue();
        assertThat(Files.readString(CardCatalogue.PAGE))
                .as("%s is out of date with the content: regenerate it with %s", CardCatalogue.PAGE, REGENERATE)
                .isEqualTo(generated);
    }

    @Test
    void everyCardOfTheContentIsListedWithTheThresholdsItReads() {
        TestContent.catalog().all().stream().filter(s -> !s.definition().isComposite())
                .flatMap(s -> s.cards().stream())
                .forEach(card -> assertThat(generated).contains("| `" + card.id() + "`<br>"));
        // A threshold read through the family's definitions, and a site parameter with its range.
        assertThat(generated).contains("`IOM Deficiency Limit ng/mL` = 12", "`Generalized Pain Regions` = 4",
                "`Toxicity Risk Limit ng/mL` = 100", "site `Vitamin D Lookback Months` = 12, allowed 1–120",
                "site `Opioid Washout Days` = 10, allowed 7–14");
    }
}
