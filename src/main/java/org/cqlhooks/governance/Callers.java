package org.cqlhooks.governance;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is calling, as the trust layer established it on this thread: the verified {@code iss} of a trusted client,
 * or {@value #DEVELOPMENT} for an unauthenticated call (development mode, or a call made without HTTP).
 */
final class Callers {

    static final String DEVELOPMENT = "development";

    private Callers() {
    }

    static String current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || authentication instanceof AnonymousAuthenticationToken
                || !authentication.isAuthenticated()) {
            return DEVELOPMENT;
        }
        return authentication.getName();
    }
}
