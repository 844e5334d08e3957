package org.cqlhooks.content;

import java.util.List;

/**
 * The cards of one rule family, as written in hooks/cards/&lt;Library&gt;.json: the family's CQL library (the file is
 * named for it) and the cards its definitions fire. Every service that runs the library offers these cards; a
 * card here names no {@code library}, the file does.
 */
public record CardFile(String library, List<CardRule> cards) {
}
