package org.cqlhooks.demo;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.cqlhooks.trust.SecurityProperties;
import org.cqlhooks.wire.CdsError;
import org.cqlhooks.wire.OperationOutcomes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * The demo's paths ({@code /}, {@code /demo/**}, {@code /fhir/**}) answer only callers on this machine, in
 * development mode and also when a site with trusted clients turns the demo on: the sample patients are no data for
 * the network, and the page needs no JWT. Browser-based tools such as the CDS Hooks sandbox read {@code /fhir} with
 * CORS from the origins {@code cds.security.cors.allowed-origins} allows. The CDS endpoints keep their own rules.
 */
@Configuration(proxyBeanMethods = false)
@OnDemo
class DemoSecurityConfig {

    /** The page's own policy: scripts, styles and images from this server only (card text cannot run script). */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 50)
    SecurityFilterChain demoSecurity(HttpSecurity http, SecurityProperties settings, OperationOutcomes outcomes)
            throws Exception {
        AuthenticationEntryPoint refused = (request, response, e) -> {
            response.setStatus(CdsError.FORBIDDEN.status());
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.getOutputStream().write(outcomes.json(CdsError.FORBIDDEN,
                    "The demo (page and /fhir) answers only callers on this machine", null)
                    .getBytes(StandardCharsets.UTF_8));
        };
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        http.securityMatcher(new OrRequestMatcher(paths.matcher("/"), paths.matcher("/demo/**"),
                        paths.matcher("/fhir"), paths.matcher("/fhir/**")))
                .csrf(csrf -> csrf.disable())
                .cors(cors -> cors.configurationSource(fhirCors(settings)))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)))
                .exceptionHandling(e -> e.authenticationEntryPoint(refused))
                .authorizeHttpRequests(a -> a.anyRequest().access((authentication, context) ->
                        new AuthorizationDecision(loopback(context.getRequest().getRemoteAddr()))));
        return http.build();
    }

    private static UrlBasedCorsConfigurationSource fhirCors(SecurityProperties settings) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOriginPatterns(settings.cors().allowedOrigins());
        cors.setAllowedMethods(List.of("GET", "OPTIONS"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept", "Prefer"));
        cors.setExposedHeaders(List.of("Location", "Content-Location", "ETag", "Last-Modified"));
        cors.setAllowCredentials(false);
        cors.setMaxAge(settings.cors().maxAge());
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/fhir/**", cors);
        return source;
    }

    /** The peer's address is always an IP literal, so this never asks DNS. */
    static boolean loopback(String remoteAddress) {
        try {
            return remoteAddress != null && InetAddress.getByName(remoteAddress).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
