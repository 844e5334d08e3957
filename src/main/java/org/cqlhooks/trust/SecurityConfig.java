package org.cqlhooks.trust;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.cqlhooks.wire.CdsError;
import org.cqlhooks.wire.OperationOutcomes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * Who gets answers. With trusted clients configured, every call (discovery, service, feedback) needs a Bearer JWT
 * of one of them ({@link ClientTokenVerifier}). Without any, the server is in development mode: it answers only
 * callers on its own machine, and says so once at start-up. CORS follows {@code cds.security.cors}.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfig.class);
    private static final String[] HEALTH = {"/actuator/health", "/actuator/health/**"};
    private static final String OPERATIONS = "/actuator/**";

    /**
     * No observation per security filter: with an observation registry (Actuator) Spring Security wraps each of its
     * filters in one, on every call; nothing here reads them (http.server.requests and the cds.* metrics stay), and
     * the wrapping was a visible share of a small call's CPU in the benchmark's profile.
     */
    @Bean
    static SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SecurityFilterChain cdsSecurity(HttpSecurity http, SecurityProperties settings, OperationOutcomes outcomes,
            AuthenticationManagerResolver<HttpServletRequest> clients) throws Exception {
        UnauthorizedResponse unauthorized = new UnauthorizedResponse(outcomes, settings.developmentMode());
        AuthorizationManager<RequestAuthorizationContext> operations = operations(settings.operations());
        // Spring's CORS filter in its usual place, refusing in JSON (not a bean: it must run in this chain only).
        CorsFilter cors = new CorsFilter(corsConfiguration(settings));
        cors.setCorsProcessor(new CorsRefusal(outcomes));
        http.csrf(csrf -> csrf.disable())
                .cors(c -> c.disable())
                .addFilter(cors)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .anonymous(Customizer.withDefaults())
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden(outcomes)));
        if (settings.developmentMode()) {
            log.warn("DEVELOPMENT MODE: cds.security.clients is empty, so calls are answered without "
                    + "authentication and only for callers on this machine (loopback); everyone else gets 401. "
                    + "Configure cds.security.clients before exposing this server (README, section Security).");
            http.authorizeHttpRequests(a -> a.requestMatchers(HEALTH).permitAll()
                    .requestMatchers(OPERATIONS).access(operations)
                    .anyRequest().access(loopbackOnly()));
        } else {
            if (settings.audience() == null || settings.audience().isBlank()) {
                // The default aud is built from the request's Host header, which the caller chooses: a token the
                // same EHR signed for another CDS service could then be replayed here with that service's host.
                log.warn("cds.security.audience is not set: JWT aud is checked against the URL each request names "
                        + "itself (Host header). Set it to this server's external base URL (README, Security).");
            }
            http.oauth2ResourceServer(rs -> rs.authenticationManagerResolver(clients)
                            .authenticationEntryPoint(unauthorized))
                    .authorizeHttpRequests(a -> a.requestMatchers(HEALTH).permitAll()
                            .requestMatchers(OPERATIONS).access(operations)
                            .anyRequest().authenticated());
        }
        return http.build();
    }

    /**
     * Verifies a Bearer JWT against the endpoint actually called (the {@code aud} rule needs the request), and
     * announces the outcome with Spring Security's events: success with the client (the call log listens), failure
     * with the reason (the metrics count it).
     */
    @Bean
    AuthenticationManagerResolver<HttpServletRequest> clientAuthentication(SecurityProperties settings,
            JwksLoader loader, ReplayStore replays, Clock clock, AuthenticationEventPublisher events) {
        ClientTokenVerifier verifier = new ClientTokenVerifier(settings, loader, replays, clock);
        return request -> {
            String audience = expectedAudience(request, settings.audience());
            AuthenticationManager manager = authentication -> {
                TrustedClient client;
                try {
                    client = verifier.verify(((BearerTokenAuthenticationToken) authentication).getToken(), audience);
                } catch (AuthenticationException refused) {
                    events.publishAuthenticationFailure(refused, authentication);
                    throw refused;
                }
                ClientAuthentication authenticated = new ClientAuthentication(client);
                events.publishAuthenticationSuccess(authenticated);
                return authenticated;
            };
            return manager;
        };
    }

    private static CorsConfigurationSource corsConfiguration(SecurityProperties settings) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOriginPatterns(settings.cors().allowedOrigins());
        cors.setAllowedMethods(List.of("GET", "POST", "OPTIONS"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept"));
        // Bearer tokens travel in a header, never in cookies: no credentials mode, so "*" cannot leak a session.
        cors.setAllowCredentials(false);
        cors.setMaxAge(settings.cors().maxAge());
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/cds-services", cors);
        source.registerCorsConfiguration("/cds-services/**", cors);
        return source;
    }

    /**
     * 2.0.1: aud "MUST be the URL of the CDS Service endpoint being invoked". With {@code cds.security.audience}
     * set (behind a proxy), that base URL plus the path called; otherwise the URL of the request as received.
     */
    static String expectedAudience(HttpServletRequest request, String configuredBase) {
        if (configuredBase == null || configuredBase.isBlank()) {
            return request.getRequestURL().toString();
        }
        String base = configuredBase.endsWith("/") ? configuredBase.substring(0, configuredBase.length() - 1)
                : configuredBase;
        return base + request.getRequestURI().substring(request.getContextPath().length());
    }

    /** This machine, or an address in {@code cds.security.operations.allowed-addresses}. */
    private static AuthorizationManager<RequestAuthorizationContext> operations(SecurityProperties.Operations settings) {
        List<Addresses.Range> allowed = settings.allowedAddresses().stream().map(Addresses.Range::parse).toList();
        return (authentication, context) -> {
            String caller = context.getRequest().getRemoteAddr();
            return new AuthorizationDecision(Addresses.isLoopbackName(caller)
                    || (Addresses.isLiteral(caller) && allowed.stream().anyMatch(range -> range.contains(caller))));
        };
    }

    private static AuthorizationManager<RequestAuthorizationContext> loopbackOnly() {
        return (authentication, context) -> new AuthorizationDecision(
                Addresses.isLoopbackName(context.getRequest().getRemoteAddr()));
    }

    private static AccessDeniedHandler forbidden(OperationOutcomes outcomes) {
        return (request, response, denied) -> {
            response.setStatus(CdsError.FORBIDDEN.status());
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.getOutputStream().write(outcomes.json(CdsError.FORBIDDEN,
                    "Only callers on this machine may use this endpoint", null).getBytes(StandardCharsets.UTF_8));
        };
    }
}
