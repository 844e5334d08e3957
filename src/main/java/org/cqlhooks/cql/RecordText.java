package org.cqlhooks.cql;

import java.util.ArrayList;
import java.util.List;

/**
 * Text that comes from the patient's record (a medication's name, a display, a unit, a value string, an id) is data,
 * never markup. Where it enters card text, in CQL ({@code Common."Record Text"(...)}, an external function) or here
 * (the card values), it is marked with two private-use characters; the cards then write each marked
 * span as CommonMark-escaped text into {@code detail} and as plain text into {@code summary}. Marking (rather than
 * escaping at once) lets one CQL definition serve both fields, each escaped for what its field is.
 *
 * <p>A span is normalised as it is marked: line breaks, tabs and other control characters become spaces,
 * invisible format characters (bidirectional overrides, zero-width characters) are dropped, runs of spaces collapse,
 * and the marker characters themselves are removed, so record content can neither start a block nor forge a span.
 */
public final class RecordText {

    static final char START = '\uE000';
    static final char END = '\uE001';

    private RecordText() {
    }

    /** The text marked as record content; null stays null (CQL's null propagation). */
    public static String mark(String text) {
        if (text == null) {
            return null;
        }
        String clean = normalise(text);
        return clean.isEmpty() ? "" : START + clean + END;
    }

    /** The text without its marks, as plain text (evidence labels, indicators, tests). */
    public static String plain(String text) {
        if (text == null || (text.indexOf(START) < 0 && text.indexOf(END) < 0)) {
            return text;
        }
        return text.replace(String.valueOf(START), "").replace(String.valueOf(END), "");
    }

    /** One piece of a card text: written by the content, or taken from the record. */
    public record Part(String text, boolean fromRecord) {
    }

    /** The text split into content and record pieces. A start mark with no end runs to the end of the text. */
    public static List<Part> parts(String text) {
        List<Part> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inRecord = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == START || c == END) {
                if (current.length() > 0) {
                    parts.add(new Part(current.toString(), inRecord));
                    current.setLength(0);
                }
                inRecord = c == START;
            } else {
                current.append(c);
            }
        }
        if (current.length() > 0) {
            parts.add(new Part(current.toString(), inRecord));
        }
        return parts;
    }

    /** Record text on one line, without control, format or marker characters. */
    public static String normalise(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (cp == START || cp == END || type == Character.FORMAT) {
                continue;
            }
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp) || type == Character.CONTROL
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
                space = out.length() > 0;
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            out.appendCodePoint(cp);
        }
        return out.toString();
    }
}
