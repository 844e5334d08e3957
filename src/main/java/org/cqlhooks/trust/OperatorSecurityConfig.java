package org.cqlhooks.trust;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.cqlhooks.wire.CdsError;
import org.cqlhooks.wire.OperationOutcomes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The governance analytics ({@code /analytics}, {@code /analytics/**}). In development mode: callers on this
 * machine only, no credential. With trusted clients: HTTP Basic with the operator credential
 * ({@code cds.operator.*}, password stored as a DelegatingPasswordEncoder hash); an EHR's JWT opens nothing here.
 * Without an operator configured the pages answer nobody.
 */
@Configuration(proxyBeanMethods = false)
class OperatorSecurityConfig {

    private static final Logger log = LoggerFactory.getLogger(OperatorSecurityConfig.class);
    static final String REALM = "cql-hooks operator";
    /** The page's own policy: its script, style and data from this server only. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final Pattern ENCODED = Pattern.compile(
            "\\{(bcrypt|(argon2|pbkdf2|scrypt)(@SpringSecurity_v5_8)?|noop)}.+");

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 60)
    SecurityFilterChain operatorSecurity(HttpSecurity http, SecurityProperties settings, OperatorProperties operator,
            OperationOutcomes outcomes) throws Exception {
        http.securityMatcher("/analytics", "/analytics/**")
                .csrf(csrf -> csrf.disable())
                .cors(cors -> cors.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)));
        if (settings.developmentMode()) {
            http.httpBasic(basic -> basic.disable())
                    .exceptionHandling(e -> e.authenticationEntryPoint((request, response, failure) -> refuse(response,
                            outcomes, CdsError.FORBIDDEN, "In development mode the analytics answer only callers on "
                                    + "this machine")))
                    .authorizeHttpRequests(a -> a.anyRequest().access((authentication, context) ->
                            new AuthorizationDecision(Addresses.isLoopbackName(context.getRequest().getRemoteAddr()))));
            return http.build();
        }
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(operators(operator));
        provider.setPasswordEncoder(PasswordEncoderFactories.createDelegatingPasswordEncoder());
        http.authenticationManager(new ProviderManager(provider))
                .httpBasic(basic -> basic.realmName(REALM).authenticationEntryPoint((request, response, failure) -> {
                    response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
                    refuse(response, outcomes, CdsError.UNAUTHORIZED,
                            "The operator credential is required (HTTP Basic, cds.operator; README, Governance)");
                }))
                .authorizeHttpRequests(a -> a.anyRequest().hasRole("OPERATOR"));
        return http.build();
    }

    private static UserDetailsService operators(OperatorProperties operator) {
        if (!operator.configured()) {
            log.warn("cds.operator is not set: /analytics answers nobody while trusted clients are configured "
                    + "(README, Governance)");
            return username -> {
                throw new UsernameNotFoundException("no operator configured");
            };
        }
        if (!ENCODED.matcher(operator.password()).matches()) {
            // Not Spring's InvalidConfigurationPropertyValueException: its start-up report would print the value.
            throw new IllegalStateException("cds.operator.password: give the password's hash with its encoder id, "
                    + "e.g. {bcrypt}$2a$10$..., never the password itself");
        }
        if (operator.password().startsWith("{noop}")) {
            log.warn("cds.operator.password is stored in plain text ({noop}): use a {bcrypt} hash");
        }
        return new InMemoryUserDetailsManager(User.withUsername(operator.username()).password(operator.password())
                .roles("OPERATOR").build());
    }

    private static void refuse(HttpServletResponse response, OperationOutcomes outcomes, CdsError error,
            String message) throws IOException {
        response.setStatus(error.status());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getOutputStream().write(outcomes.json(error, message, null).getBytes(StandardCharsets.UTF_8));
    }
}
