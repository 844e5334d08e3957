package org.cqlhooks.cards;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text with {@code ${Definition name}} placeholders, parsed once at start-up and filled from CQL results.
 */
public final class CardTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");

    private final List<String> literals = new ArrayList<>();
    private final List<String> references = new ArrayList<>();
    /** The CommonMark nodes of the text with "x" for every value ({@link CardMarkdown}), parsed once, not per card. */
    private final Map<Class<?>, Integer> markupOfItsOwn;

    private CardTemplate(String text) {
        Matcher m = PLACEHOLDER.matcher(text);
        int last = 0;
        while (m.find()) {
            literals.add(text.substring(last, m.start()));
            references.add(m.group(1).trim());
            last = m.end();
        }
        literals.add(text.substring(last));
        markupOfItsOwn = Map.copyOf(CardMarkdown.kinds(render(name -> "x")));
    }

    public static CardTemplate parse(String text) {
        return new CardTemplate(text == null ? "" : text);
    }

    /** The CQL definitions this template reads. */
    public Set<String> references() {
        return new LinkedHashSet<>(references);
    }

    /** How many CommonMark nodes of each kind the template holds with "x" for every value. */
    Map<Class<?>, Integer> markupOfItsOwn() {
        return markupOfItsOwn;
    }

    public boolean isLiteral() {
        return references.isEmpty();
    }

    public String render(Function<String, String> values) {
        StringBuilder out = new StringBuilder(literals.get(0));
        for (int i = 0; i < references.size(); i++) {
            out.append(values.apply(references.get(i))).append(literals.get(i + 1));
        }
        return out.toString();
    }
}
