package org.cqlhooks.trust;

import org.springframework.security.core.AuthenticationException;

/**
 * The jti replay record could not be consulted (its database does not answer): the token is neither accepted nor
 * judged invalid, and the call is answered 503 ({@link UnauthorizedResponse}).
 */
final class ReplayRecordUnavailable extends AuthenticationException {

    ReplayRecordUnavailable(Throwable cause) {
        super("the jti replay record is unavailable", cause);
    }
}
