package org.cqlhooks.trust;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import org.cqlhooks.prefetch.FhirServerPolicy;
import org.cqlhooks.wire.CdsError;
import org.cqlhooks.wire.CdsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Decides whether the server may call a request's {@code fhirServer} with the EHR's token, so that a caller cannot
 * turn it against other hosts (SSRF): http(s) only; https unless the host is this machine; no credentials in the
 * URL; with trusted clients, only the calling client's {@code fhir-servers}; and the host must not resolve to a
 * link-local, metadata or configured blocked address (every address it resolves to is checked). The caller is the
 * client Spring Security authenticated for the current request.
 */
@Component
public class FhirServerGuard implements FhirServerPolicy {

    private final List<Addresses.Range> blocked;
    private final boolean developmentMode;

    public FhirServerGuard(SecurityProperties settings) {
        this.blocked = settings.fhirServer().blockedAddresses().stream().map(Addresses.Range::parse).toList();
        this.developmentMode = settings.developmentMode();
    }

    /** Checks against the current request's authenticated client (none in development mode). */
    @Override
    public void check(URI fhirServer) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof ClientAuthentication client) {
            check(fhirServer, client.getPrincipal());
        } else if (developmentMode) {
            check(fhirServer, null);
        } else {
            // Trusted clients are configured but this thread has none: never fall back to "any server".
            throw refused("fhirServer cannot be checked: no authenticated CDS client for this call");
        }
    }

    /**
     * Refuses with 412 (the data cannot be obtained from there) and a reason.
     *
     * @param client the authenticated caller, or null in development mode
     */
    public void check(URI fhirServer, TrustedClient client) {
        String scheme = fhirServer.getScheme() == null ? "" : fhirServer.getScheme().toLowerCase(Locale.ROOT);
        String host = fhirServer.getHost();
        if (!(scheme.equals("https") || scheme.equals("http")) || host == null) {
            throw refused("fhirServer must be an http(s) URL");
        }
        if (fhirServer.getRawUserInfo() != null) {
            throw refused("fhirServer must not carry credentials in the URL");
        }
        boolean loopbackName = Addresses.isLoopbackName(host);
        if (scheme.equals("http") && !loopbackName) {
            throw refused("fhirServer must use https (plain http only on this machine)");
        }
        if (client != null && client.fhirServers().stream().noneMatch(allowed -> within(fhirServer, allowed))) {
            throw refused("fhirServer is not one of the FHIR servers configured for this CDS client");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            throw CdsException.unobtainable("The fhirServer's host name does not resolve");
        }
        for (InetAddress address : addresses) {
            if (Addresses.isNeverAllowed(address) || blocked.stream().anyMatch(r -> r.contains(address))) {
                throw refused("fhirServer resolves to an address this server does not call");
            }
            if (scheme.equals("http") && !address.isLoopbackAddress()) {
                throw refused("fhirServer must use https (plain http only on this machine)");
            }
        }
    }

    /** Same scheme, host and port, and a path under the allowed one (whole segments: /r4 allows /r4/x, not /r4x). */
    static boolean within(URI candidate, String allowedText) {
        URI allowed;
        try {
            allowed = URI.create(allowedText.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (allowed.getHost() == null || !sameOrigin(candidate, allowed)) {
            return false;
        }
        String base = trimSlash(allowed.getRawPath());
        String path = trimSlash(candidate.getRawPath());
        if (path.contains("..") || path.toLowerCase(Locale.ROOT).contains("%2e")) {
            return false; // a dot segment could climb out of the allowed path
        }
        return base.isEmpty() || path.equals(base) || path.startsWith(base + "/");
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static String trimSlash(String path) {
        if (path == null) {
            return "";
        }
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static CdsException refused(String reason) {
        return new CdsException(CdsError.FHIR_SERVER_REFUSED, reason, "fhirServer");
    }
}
