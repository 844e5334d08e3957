package org.cqlhooks.invocation;

import org.cqlhooks.cards.CdsResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** 2.0.1 "Calling a CDS Service": POST {baseUrl}/cds-services/{id}. */
@RestController
class InvocationController {

    private static final Logger log = LoggerFactory.getLogger(InvocationController.class);

    private final InvocationService invocations;

    InvocationController(InvocationService invocations) {
        this.invocations = invocations;
    }

    @PostMapping(path = "/cds-services/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    CdsResponse call(@PathVariable String id, @RequestBody byte[] body) {
        long start = System.nanoTime();
        InvocationService.Outcome outcome = invocations.invoke(id, body);
        log.info("call service={} hookInstance={} status=200 cards={} fhirCalls={} durationMs={}", id,
                outcome.hookInstance(), outcome.response().cards().size(), outcome.fhirCalls(),
                (System.nanoTime() - start) / 1_000_000);
        return outcome.response();
    }
}
