package org.cqlhooks.feedback;

import java.time.Instant;

/** A card the server issued, as feedback needs it: its uuid, its card ID (source.topic.code) and when. */
public record IssuedCard(String uuid, String cardId, Instant issuedAt) {
}
