package org.cqlhooks.cql;

import java.util.Map;

/**
 * The values a library's definitions took, or the reason the library could not be evaluated.
 *
 * @param values definition name to its CQL value (null values are kept as absent keys)
 * @param failure the engine's error, or null
 */
public record LibraryResult(Map<String, Object> values, RuntimeException failure) {

    public boolean failed() {
        return failure != null;
    }

    public Object value(String definition) {
        return values.get(definition);
    }
}
