package org.cqlhooks.http;

import org.cqlhooks.invocation.ServiceCallEvent;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Fills the current request's {@link CallRecord} from what the call announces: the service's
 * {@link ServiceCallEvent}s and Spring Security's authentication success (the client). Events raised outside a
 * request (a call made without HTTP) have no record and are ignored.
 */
@Component
class CallLogEvents {

    @EventListener
    void requestRead(ServiceCallEvent.RequestRead event) {
        CallRecord record = current();
        if (record != null) {
            record.hookInstance(event.hookInstance());
            record.skipped(event.skippedResources());
        }
    }

    @EventListener
    void answered(ServiceCallEvent.Answered event) {
        CallRecord record = current();
        if (record != null) {
            record.fhirCalls(event.fhirCalls());
            record.cards(event.cards().size());
            record.failedLibraries(event.failedLibraries());
        }
    }

    @EventListener
    void authenticated(AuthenticationSuccessEvent event) {
        CallRecord record = current();
        if (record != null) {
            record.client(event.getAuthentication().getName());
        }
    }

    private static CallRecord current() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        return request != null && request.getAttribute(CallRecord.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST)
                instanceof CallRecord record ? record : null;
    }
}
