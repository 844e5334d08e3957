package org.cqlhooks.feedback;

/**
 * One feedback item was accepted, published as a Spring application event for whoever counts feedback (the
 * metrics): the service and the outcome only, never the card, the comment or the override reason.
 *
 * @param service the id of a service in the catalogue
 * @param outcome {@code accepted} or {@code overridden}
 */
public record FeedbackReceived(String service, String outcome) {
}
