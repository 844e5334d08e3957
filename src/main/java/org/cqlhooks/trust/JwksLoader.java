package org.cqlhooks.trust;

import com.nimbusds.jose.util.DefaultResourceRetriever;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * Reads a client's JWK Set from its configured location: {@code https:} (plain {@code http:} only on this machine),
 * {@code file:} or {@code classpath:}. Caching and refetch limits are the caller's ({@link ClientKeys}).
 */
@Component
public class JwksLoader {

    private static final int TIMEOUT_MS = 3000;
    private static final int SIZE_LIMIT = 256 * 1024;

    private final ResourceLoader resources;
    private final DefaultResourceRetriever web = new DefaultResourceRetriever(TIMEOUT_MS, TIMEOUT_MS, SIZE_LIMIT);

    public JwksLoader(ResourceLoader resources) {
        this.resources = resources;
    }

    public String load(String location) throws IOException {
        URI uri = URI.create(location);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (scheme.equals("https") || (scheme.equals("http") && Addresses.isLoopbackName(uri.getHost()))) {
            URL url = uri.toURL();
            return web.retrieveResource(url).getContent();
        }
        if (!scheme.equals("file") && !scheme.equals("classpath")) {
            throw new IOException("JWK Set location must be https:, file: or classpath:");
        }
        Resource resource = resources.getResource(location);
        try (InputStream in = resource.getInputStream()) {
            byte[] bytes = in.readNBytes(SIZE_LIMIT + 1);
            if (bytes.length > SIZE_LIMIT) {
                throw new IOException("JWK Set is larger than " + SIZE_LIMIT + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
