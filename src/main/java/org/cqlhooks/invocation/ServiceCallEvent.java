package org.cqlhooks.invocation;

import java.util.List;

/**
 * What a service call has learnt so far, published as Spring application events on the calling thread as soon as
 * it is known, for whoever reports on calls (the call log, the metrics): identifiers and counts only, never patient
 * data. The data path publishes them and knows nothing of who listens.
 */
public sealed interface ServiceCallEvent {

    /** The request was read and checked. */
    record RequestRead(String hookInstance) implements ServiceCallEvent {
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
     * @param service the id of a service in the catalogue
     * @param cardIds the card ID of each card answered (its {@code source.topic} code), most urgent first
     * @param failedLibraries the libraries that could not be evaluated (an EVAL-ERROR card stands for each)
     * @param fhirCalls how many requests went to the EHR's FHIR server
     */
    record Answered(String service, List<String> cardIds, List<String> failedLibraries, int fhirCalls)
            implements ServiceCallEvent {

        public Answered {
            cardIds = List.copyOf(cardIds);
            failedLibraries = List.copyOf(failedLibraries);
        }

        public int cards() {
            return cardIds.size();
        }
    }
}
