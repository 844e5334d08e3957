package org.cqlhooks.wire;

/**
 * 2.0.1 "Passing the Access Token to the CDS Service". The token is a live credential to the EHR: it is never
 * printed ({@link #toString()} hides it) and is sent only to the request's own fhirServer.
 */
public record FhirAuthorization(String accessToken, String tokenType, Long expiresIn, String scope, String subject,
        String patient) {

    @Override
    public String toString() {
        return "FhirAuthorization[tokenType=" + tokenType + ", scope=" + scope + ", subject=" + subject + "]";
    }
}
