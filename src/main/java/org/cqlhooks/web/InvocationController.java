package org.cqlhooks.web;

import org.cqlhooks.invocation.InvocationService;
import org.cqlhooks.wire.CdsResponse;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * 2.0.1 "Calling a CDS Service": POST {baseUrl}/cds-services/{id}. Who is calling is checked before this runs
 * (trust) and the call log line is the CallLogFilter's (http): neither reaches the service.
 */
@RestController
class InvocationController {

    private final InvocationService invocations;

    InvocationController(InvocationService invocations) {
        this.invocations = invocations;
    }

    @PostMapping(path = "/cds-services/{id}", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    CdsResponse call(@PathVariable String id, @RequestBody byte[] body) {
        return invocations.invoke(id, body);
    }
}
