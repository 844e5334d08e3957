package org.cqlhooks.invocation;

import java.util.List;

/**
 * What a service call has learnt so far, published as Spring application events on the calling thread as soon as
 * it is known, for whoever reports on calls (the call log): identifiers and counts only, never patient data. The
 * data path publishes them and knows nothing of who listens.
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
     * The cards were built; {@code fhirCalls} is how many requests went to the EHR's FHIR server;
     * {@code failedLibraries} the libraries that could not be evaluated (the answer has an EVAL-ERROR card for each).
     */
    record Answered(int cards, int fhirCalls, List<String> failedLibraries) implements ServiceCallEvent {

        public Answered {
            failedLibraries = List.copyOf(failedLibraries);
        }
    }
}
