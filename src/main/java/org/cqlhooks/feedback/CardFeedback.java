package org.cqlhooks.feedback;

import java.time.Instant;
import java.util.List;
import org.cqlhooks.wire.Coding;

/**
 * One checked 2.0.1 Feedback entry.
 *
 * @param card the card's uuid
 * @param acceptedSuggestions the accepted suggestions' ids (accepted outcomes only; empty otherwise)
 * @param reason the override reason, as the card offered it (display included), or null
 * @param userComment the clinician's free text, or null: stored, never logged ({@link #toString()} leaves it out)
 * @param outcomeTimestamp when the clinician acted, UTC
 */
public record CardFeedback(String card, Outcome outcome, List<String> acceptedSuggestions, Coding reason,
        String userComment, Instant outcomeTimestamp) {

    public CardFeedback {
        acceptedSuggestions = List.copyOf(acceptedSuggestions);
    }

    /** The same feedback with the reason as the card offered it. */
    CardFeedback withReason(Coding offered) {
        return new CardFeedback(card, outcome, acceptedSuggestions, offered, userComment, outcomeTimestamp);
    }

    @Override
    public String toString() {
        return "CardFeedback[outcome=" + outcome.code() + ", reason=" + (reason == null ? "-" : reason.code())
                + ", comment=" + (userComment == null ? "no" : "yes") + "]";
    }

    /** 2.0.1: "A value of accepted or overridden." */
    public enum Outcome {
        ACCEPTED("accepted"), OVERRIDDEN("overridden");

        private final String code;

        Outcome(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        static Outcome fromCode(String code) {
            for (Outcome o : values()) {
                if (o.code.equals(code)) {
                    return o;
                }
            }
            return null;
        }
    }
}
