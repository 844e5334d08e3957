package org.cqlhooks.knowledge;

import org.cqlhooks.wire.Card;

/** Card summaries from action titles: one line, under the spec's 140 characters, cut at a word when too long. */
final class Summaries {

    private Summaries() {
    }

    static String cut(String title) {
        String line = title == null ? "" : title.strip().replaceAll("\\s+", " ");
        if (line.length() < Card.SUMMARY_LIMIT) {
            return line;
        }
        String head = line.substring(0, Card.SUMMARY_LIMIT - 1);
        int space = head.lastIndexOf(' ');
        String cut = space > Card.SUMMARY_LIMIT / 2 ? head.substring(0, space) : head.substring(0, head.length() - 1);
        return cut.stripTrailing() + "…";
    }
}
