package org.cqlhooks.invocation;

import jakarta.servlet.http.HttpServletRequest;
import org.cqlhooks.wire.CdsResponse;
import org.cqlhooks.security.CallRecord;
import org.cqlhooks.security.TrustedClient;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** 2.0.1 "Calling a CDS Service": POST {baseUrl}/cds-services/{id}. The call log line is the CallLogFilter's. */
@RestController
class InvocationController {

    private final InvocationService invocations;

    InvocationController(InvocationService invocations) {
        this.invocations = invocations;
    }

    @PostMapping(path = "/cds-services/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    CdsResponse call(@PathVariable String id, @RequestBody byte[] body, @AuthenticationPrincipal TrustedClient client,
            HttpServletRequest request) {
        return invocations.invoke(id, body, client, CallRecord.of(request)).response();
    }
}
