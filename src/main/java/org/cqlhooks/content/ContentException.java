package org.cqlhooks.content;

import java.util.Collection;
import java.util.List;

/**
 * Bundled content (a CQL library, a service definition, a ValueSet, a site parameter) is broken. Thrown at
 * start-up so the server never serves half-valid content; the message names the file and what is wrong, and lists
 * every problem found, not only the first.
 */
public class ContentException extends RuntimeException {

    private final List<String> problems;

    public ContentException(String message) {
        super(message);
        this.problems = List.of(message);
    }

    public ContentException(String message, Throwable cause) {
        super(message, cause);
        this.problems = List.of(message);
    }

    private ContentException(List<String> problems) {
        super(problems.size() == 1 ? problems.get(0) : problems.size() + " problems:\n  - "
                + String.join("\n  - ", problems));
        this.problems = problems;
    }

    /** Throws one exception that lists all {@code problems}; does nothing when there are none. */
    public static void throwIfAny(Collection<String> problems) {
        if (!problems.isEmpty()) {
            throw new ContentException(List.copyOf(problems));
        }
    }

    /** Each problem on its own, as found. */
    public List<String> problems() {
        return problems;
    }
}
