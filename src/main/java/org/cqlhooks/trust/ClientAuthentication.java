package org.cqlhooks.trust;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/** A call whose JWT verified: the principal is the trusted client. The JWT itself is not kept. */
final class ClientAuthentication extends AbstractAuthenticationToken {

    private final TrustedClient client;

    ClientAuthentication(TrustedClient client) {
        super(List.of());
        this.client = client;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    /** The issuer: what the call log reports as the client. */
    @Override
    public String getName() {
        return client.issuer();
    }

    @Override
    public TrustedClient getPrincipal() {
        return client;
    }
}
