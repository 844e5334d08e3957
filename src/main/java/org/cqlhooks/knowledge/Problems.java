package org.cqlhooks.knowledge;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.cqlhooks.content.ContentException;

/** Every problem found in the content packages, collected so the start-up failure names them all at once. */
final class Problems {

    /** A problem met twice (a library every service includes) is reported once. */
    private final Set<String> found = new LinkedHashSet<>();

    void add(String where, String message) {
        found.add(where + ": " + message);
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    List<String> all() {
        return List.copyOf(found);
    }

    /** Stops the start when anything was found. */
    void throwIfAny() {
        if (!found.isEmpty()) {
            throw new ContentException(found.size() + (found.size() == 1 ? " problem" : " problems")
                    + " in the content packages (cds.content.packages):\n  " + String.join("\n  ", found));
        }
    }
}
