package org.cqlhooks.trust;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.cqlhooks.wire.CdsError;
import org.cqlhooks.wire.OperationOutcomes;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * 401 with {@code WWW-Authenticate: Bearer} (RFC 6750) and the same OperationOutcome body as every other error.
 * The reason is a short phrase from {@link ClientTokenVerifier}; never the token or a claim value. When the jti
 * replay record cannot be consulted, 503 instead: the token was not judged.
 */
final class UnauthorizedResponse implements AuthenticationEntryPoint {

    private final OperationOutcomes outcomes;
    private final boolean developmentMode;

    UnauthorizedResponse(OperationOutcomes outcomes, boolean developmentMode) {
        this.outcomes = outcomes;
        this.developmentMode = developmentMode;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        if (failure instanceof ReplayRecordUnavailable) {
            // Not the token's fault: the EHR may send the call again (with a new token) once the database is back.
            response.setStatus(CdsError.STORE_UNAVAILABLE.status());
            response.setHeader("Retry-After", "5");
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.getOutputStream().write(outcomes.json(CdsError.STORE_UNAVAILABLE, "The token cannot be checked "
                    + "against replay now (the database does not answer); try again later", null)
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        String message;
        if (developmentMode) {
            message = "Development mode: this server answers only callers on its own machine";
            response.setHeader("WWW-Authenticate", "Bearer realm=\"cds-services\"");
        } else if (failure instanceof OAuth2AuthenticationException oauth && oauth.getError() != null
                && oauth.getError().getDescription() != null) {
            message = "Bearer JWT rejected: " + oauth.getError().getDescription();
            response.setHeader("WWW-Authenticate", "Bearer realm=\"cds-services\", error=\"invalid_token\", "
                    + "error_description=\"" + oauth.getError().getDescription().replace("\"", "'") + "\"");
        } else {
            message = "A Bearer JWT from a trusted CDS client is required (CDS Hooks 2.0.1, Trusting CDS Clients)";
            response.setHeader("WWW-Authenticate", "Bearer realm=\"cds-services\"");
        }
        response.setStatus(CdsError.UNAUTHORIZED.status());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getOutputStream().write(outcomes.json(CdsError.UNAUTHORIZED, message, null)
                .getBytes(StandardCharsets.UTF_8));
    }
}
