package org.cqlhooks.wire;

import java.util.List;
import java.util.Map;

/**
 * 2.0.1 "Card Attributes", field for field. Empty optional fields are omitted on the wire (the server's JSON
 * settings drop null, "", [] and {}), so a card never carries a field without content.
 *
 * @param extension 2.0.1 "Extensions": this server puts the card's evidence label here
 */
public record Card(String uuid, String summary, String detail, Indicator indicator, Source source,
        List<Suggestion> suggestions, SelectionBehavior selectionBehavior, List<Coding> overrideReasons,
        List<Link> links, Map<String, Object> extension) {

    /** The spec's limit: a summary is shorter than 140 characters. */
    public static final int SUMMARY_LIMIT = 140;

    public Card {
        if (summary == null || summary.isBlank()) {
            throw new IllegalArgumentException("card summary is required");
        }
        if (summary.length() >= SUMMARY_LIMIT) {
            throw new IllegalArgumentException("card summary must be under " + SUMMARY_LIMIT + " characters");
        }
        if (indicator == null || source == null || source.label() == null || source.label().isBlank()) {
            throw new IllegalArgumentException("card indicator and source.label are required");
        }
        if (suggestions != null && !suggestions.isEmpty() && selectionBehavior == null) {
            throw new IllegalArgumentException("cards with suggestions need a selectionBehavior");
        }
    }
}
