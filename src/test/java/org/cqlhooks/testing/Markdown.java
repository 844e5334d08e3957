package org.cqlhooks.testing;

import java.util.regex.Pattern;

/** Card detail as its author wrote it: record text in it is CommonMark-escaped, which this undoes for comparisons. */
public final class Markdown {

    private static final Pattern ESCAPE = Pattern.compile("\\\\([!-/:-@\\[-`{-~])");

    private Markdown() {
    }

    /** The markdown with backslash escapes removed ({@code u\[IU\]/mL} reads {@code u[IU]/mL} again). */
    public static String unescaped(String markdown) {
        return ESCAPE.matcher(markdown).replaceAll("$1");
    }
}
