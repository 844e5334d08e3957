package org.cqlhooks.knowledge;

import java.nio.charset.StandardCharsets;

/**
 * One file of a content package.
 *
 * @param origin where it came from, for messages: the package location and the path inside it
 * @param path the path inside the package, with '/' separators ({@code input/cql/Common.cql}, {@code package/Library-x.json})
 */
public record PackageFile(String origin, String path, byte[] bytes) {

    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    public String fileName() {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
