package org.cqlhooks.cards;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.cqlhooks.cql.LibraryResult;
import org.cqlhooks.wire.Card;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cards of one call from its evaluation results: a card for each rule whose condition holds, a warning card
 * for each library that failed, most urgent first.
 */
public final class CardAssembler {

    private static final Logger log = LoggerFactory.getLogger(CardAssembler.class);

    private CardAssembler() {
    }

    public static List<Card> assemble(List<CompiledCard> rules, Map<String, LibraryResult> results) {
        List<Card> cards = new ArrayList<>();
        for (Map.Entry<String, LibraryResult> entry : results.entrySet()) {
            if (entry.getValue().failed()) {
                // Type only: engine messages can quote patient data.
                log.warn("CQL library {} failed: {}", entry.getKey(),
                        entry.getValue().failure().getClass().getSimpleName());
                cards.add(EvaluationFailureCard.of(entry.getKey()));
            }
        }
        for (CompiledCard rule : rules) {
            LibraryResult result = results.get(rule.library());
            if (result != null && !result.failed()) {
                rule.build(result).ifPresent(cards::add);
            }
        }
        cards.sort(Comparator.comparing(Card::indicator).reversed());
        return cards;
    }
}
