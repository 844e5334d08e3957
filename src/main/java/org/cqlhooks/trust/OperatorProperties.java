package org.cqlhooks.trust;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The operator: the one credential for the server's own pages (the governance analytics), distinct from any EHR's
 * JWT. Used with trusted clients configured; in development mode those pages answer this machine only.
 *
 * @param username the operator's user name (HTTP Basic)
 * @param password the password as Spring Security's DelegatingPasswordEncoder stores it, {@code {bcrypt}$2a$...}:
 *     a hash, never the password itself
 */
@ConfigurationProperties("cds.operator")
public record OperatorProperties(String username, String password) {

    public boolean configured() {
        return username != null && !username.isBlank() && password != null && !password.isBlank();
    }

    @Override
    public String toString() {
        return "OperatorProperties[username=" + username + ", password hidden]";
    }
}
