package org.cqlhooks.knowledge;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CQL library's text with the name and version its header declares.
 *
 * @param origin the file or Library resource it came from, for messages
 */
record CqlSource(String name, String version, String text, String origin) {

    private static final Pattern HEADER = Pattern.compile(
            "^\\s*library\\s+(\"[^\"]+\"|[A-Za-z_][A-Za-z0-9_]*)(?:\\s+version\\s+'([^']+)')?", Pattern.MULTILINE);

    /** The source, or empty when the text has no {@code library} header. */
    static Optional<CqlSource> of(String text, String origin) {
        Matcher m = HEADER.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(new CqlSource(m.group(1).replace("\"", ""), m.group(2), text, origin));
    }
}
