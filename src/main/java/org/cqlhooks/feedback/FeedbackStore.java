package org.cqlhooks.feedback;

import java.util.Optional;

/**
 * Where feedback is checked against the cards this server issued and kept. The data path defines it; the
 * governance record implements it (nothing here knows the database or who the caller is). Implementations throw a
 * {@link org.cqlhooks.wire.CdsException} of kind {@code STORE_UNAVAILABLE} when they cannot answer.
 */
public interface FeedbackStore {

    /** The card {@code cardUuid} as the service {@code serviceId} issued it to the calling client, if it did. */
    Optional<IssuedCard> issued(String serviceId, String cardUuid);

    /** Keeps the feedback once: true if it is new, false if the same feedback was already kept. */
    boolean save(String serviceId, CardFeedback feedback);
}
