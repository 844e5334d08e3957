package org.cqlhooks.ops;

import java.io.IOException;

/** Starts a {@link HeldFhirServer} from a static field initialiser. */
final class HeldFhirServers {

    private HeldFhirServers() {
    }

    static HeldFhirServer start() {
        try {
            return new HeldFhirServer();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
