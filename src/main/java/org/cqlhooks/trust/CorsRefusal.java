package org.cqlhooks.trust;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.cqlhooks.wire.CdsError;
import org.cqlhooks.wire.OperationOutcomes;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.DefaultCorsProcessor;

/**
 * Spring's CORS checks, with the refusal in the same OperationOutcome JSON as every other error (Spring's own is a
 * plain-text "Invalid CORS request"). The origin is not repeated back.
 */
final class CorsRefusal extends DefaultCorsProcessor {

    private final OperationOutcomes outcomes;

    CorsRefusal(OperationOutcomes outcomes) {
        this.outcomes = outcomes;
    }

    @Override
    protected void rejectRequest(ServerHttpResponse response) throws IOException {
        response.setStatusCode(HttpStatusCode.valueOf(CdsError.CORS_REFUSED.status()));
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        response.getBody().write(outcomes.json(CdsError.CORS_REFUSED, "Cross-origin call refused: its Origin, "
                + "method or request headers are not allowed here (cds.security.cors.allowed-origins; methods GET, "
                + "POST, OPTIONS; headers Authorization, Content-Type, Accept)", null)
                .getBytes(StandardCharsets.UTF_8));
        response.flush();
    }
}
