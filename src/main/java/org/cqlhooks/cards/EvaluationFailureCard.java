package org.cqlhooks.cards;

import java.util.Map;
import java.util.UUID;
import org.cqlhooks.wire.Card;
import org.cqlhooks.wire.Coding;
import org.cqlhooks.wire.Indicator;
import org.cqlhooks.wire.Source;

/**
 * Said instead of silence when a rule family could not be evaluated for this patient's data: the clinician must
 * not read "no card" as "no finding".
 */
public final class EvaluationFailureCard {

    public static final String CARD_ID = "EVAL-ERROR";

    private EvaluationFailureCard() {
    }

    public static Card of(String library) {
        return new Card(UUID.randomUUID().toString(),
                "Decision support could not be evaluated for this record (" + library + "); its cards are missing.",
                "The rules in **" + library + "** failed on this patient's data, so none of their cards could be "
                        + "shown. Absence of a card here is not a negative finding. The failure was logged for the "
                        + "service operator.",
                Indicator.WARNING,
                new Source("cql-hooks", null, null, new Coding(CompiledCard.CARD_TYPE_SYSTEM, CARD_ID,
                        "Evaluation failure")),
                null, null, null, null, Map.of(CompiledCard.EVIDENCE_EXTENSION, "Not applicable (system message)"));
    }
}
