package org.cqlhooks.invocation;

import java.util.List;
import org.cqlhooks.wire.Card;

/**
 * What a service call has learnt so far, published as Spring application events on the calling thread as soon as
 * it is known, for whoever reports on calls (the call log, the metrics, the governance record). The data path
 * publishes them and knows nothing of who listens. {@link Answered} carries the patient id and the cards: listeners
 * must never log them (the governance record keeps only a keyed hash of the id).
 */
public sealed interface ServiceCallEvent {

    /**
     * The request was read and checked.
     *
     * @param service the id of a service in the catalogue
     * @param skippedResources prefetch entries left unread because no rule of the service reads them
     */
    record RequestRead(String service, String hookInstance, int skippedResources) implements ServiceCallEvent {
    }

    /**
     * The data was gathered: which prefetch keys the request provided and which were fetched from the FHIR server.
     *
     * @param service the id of a service in the catalogue
     */
    record DataCollected(String service, List<String> prefetched, List<String> fetched) implements ServiceCallEvent {

        public DataCollected {
            prefetched = List.copyOf(prefetched);
            fetched = List.copyOf(fetched);
        }
    }

    /**
     * The cards were built.
     *
     * @param service the id of the service called
     * @param cards the cards answered, most urgent first
     * @param fhirCalls how many requests went to the EHR's FHIR server
     * @param failedLibraries the libraries that could not be evaluated (the answer has an EVAL-ERROR card for each)
     */
    record Answered(String service, String hookInstance, String patientId, List<Card> cards, int fhirCalls,
            List<String> failedLibraries) implements ServiceCallEvent {

        public Answered {
            cards = List.copyOf(cards);
            failedLibraries = List.copyOf(failedLibraries);
        }

        /** The card ID of each card ({@code source.topic} code), most urgent first. */
        public List<String> cardIds() {
            return cards.stream().map(card -> card.source().topic() == null || card.source().topic().code() == null
                    ? "-" : card.source().topic().code()).toList();
        }
    }
}
