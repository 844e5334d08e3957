package org.cqlhooks.cards;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.cqlhooks.cql.RecordText;
import org.cqlhooks.cql.RecordText.Part;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Document;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.markdown.MarkdownRenderer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes card texts so that text from the record ({@link RecordText}) is shown, never interpreted.
 *
 * <p>{@code detail} is CommonMark (2.0.1): each record span is escaped with commonmark-java's own Markdown renderer
 * (a Text node rendered as Markdown is escaped for what it is), and the result is parsed back as a check: record
 * content must not add any node a span holding "x" would not (no link, image, HTML, heading, list, code, quote), and
 * placeholder values must not add links, images, HTML or headings the template does not have (an unmarked record
 * text in the CQL would). If either check fails, every placeholder value of the card is written as escaped text.
 *
 * <p>{@code summary} is plain text (2.0.1), which an EHR shows as it is: record spans go in unescaped, so a unit such
 * as {@code m[IU]/L} does not show a backslash. Only a span that would produce markup should an EHR render the
 * summary as CommonMark all the same (a link, HTML, emphasis, an entity) is escaped, visible backslashes and all.
 */
public final class CardMarkdown {

    private static final Logger log = LoggerFactory.getLogger(CardMarkdown.class);
    private static final Parser PARSER = Parser.builder()
            .includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES).build();
    private static final MarkdownRenderer MARKDOWN = MarkdownRenderer.builder().build();
    /** What placeholder values may never add to a detail: CQL builds lists and bold text, never these. */
    private static final Set<Class<? extends Node>> NEVER_FROM_VALUES =
            Set.of(Link.class, Image.class, HtmlInline.class, HtmlBlock.class, Heading.class);

    private CardMarkdown() {
    }

    /** The detail text of a card: the template filled with {@code values}, record spans escaped and checked. */
    static String detail(String cardId, CardTemplate template, Function<String, String> values) {
        String marked = template.render(values);
        String text = escapeSpans(marked);
        Map<Class<?>, Integer> actual = kinds(text);
        boolean spansInert = noMoreThan(actual, kinds(escapeSpans(withSpansAs(marked, "x"))), null);
        boolean valuesInert = noMoreThan(actual, template.markupOfItsOwn(), NEVER_FROM_VALUES);
        if (spansInert && valuesInert) {
            return text;
        }
        // Ids only: the text itself may be the patient's.
        log.warn("Card {}: a placeholder value would have produced markup; its values are shown as plain text",
                cardId);
        return template.render(name -> asText(values.apply(name)));
    }

    /** The summary of a card: plain text, record spans escaped only where they would be read as markup. */
    public static String summary(String marked) {
        List<Part> parts = RecordText.parts(marked);
        StringBuilder raw = new StringBuilder();
        List<int[]> ranges = new ArrayList<>();
        for (Part part : parts) {
            int start = raw.length();
            raw.append(part.text());
            ranges.add(part.fromRecord() ? new int[] {start, raw.length()} : null);
        }
        List<int[]> markup = markupRanges(raw.toString());
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            int[] range = ranges.get(i);
            boolean interpreted = range != null && markup.stream().anyMatch(m -> m[0] < range[1] && range[0] < m[1]);
            out.append(interpreted ? escape(parts.get(i).text()) : parts.get(i).text());
        }
        return out.toString();
    }

    /** Text as CommonMark that shows exactly this text. */
    public static String escape(String text) {
        Document document = new Document();
        Paragraph paragraph = new Paragraph();
        paragraph.appendChild(new Text(text));
        document.appendChild(paragraph);
        String out = MARKDOWN.render(document);
        out = out.endsWith("\n") ? out.substring(0, out.length() - 1) : out;
        // The renderer leaves a few block starters at a paragraph's start ("+ ", "=", "~~~") and a closing "!" (an
        // image if a link follows) as they are: a span can sit at a line's start or before content text.
        if (!out.isEmpty() && isPunctuation(out.charAt(0)) && out.charAt(0) != '\\') {
            out = "\\" + out;
        }
        int last = out.length() - 1;
        if (last > 0 && out.charAt(last) == '!' && backslashesBefore(out, last) % 2 == 0) {
            out = out.substring(0, last) + "\\" + out.charAt(last);
        }
        return out;
    }

    /**
     * Markdown written by content authors elsewhere (a PlanDefinition's description) with the record spans CQL put
     * into it escaped: the author's markup stays, the record's text cannot add any.
     */
    public static String withRecordSpansEscaped(String marked) {
        return escapeSpans(marked);
    }

    private static String escapeSpans(String marked) {
        StringBuilder out = new StringBuilder();
        for (Part part : RecordText.parts(marked)) {
            out.append(part.fromRecord() ? escape(part.text()) : part.text());
        }
        return out.toString();
    }

    private static String withSpansAs(String marked, String stand) {
        StringBuilder out = new StringBuilder();
        for (Part part : RecordText.parts(marked)) {
            out.append(part.fromRecord() ? stand : part.text());
        }
        return out.toString();
    }

    /** A placeholder value as escaped text, line by line (its own line breaks kept, nothing else of its markup). */
    private static String asText(String value) {
        String plain = RecordText.plain(value);
        List<String> lines = new ArrayList<>();
        for (String line : plain.split("\n", -1)) {
            String clean = RecordText.normalise(line);
            lines.add(clean.isEmpty() ? "" : escape(clean));
        }
        return String.join("\n", lines);
    }

    /** How many nodes of each kind the text parses into. */
    static Map<Class<?>, Integer> kinds(String markdown) {
        Map<Class<?>, Integer> counts = new HashMap<>();
        PARSER.parse(markdown).accept(new AbstractVisitor() {
            @Override
            protected void visitChildren(Node parent) {
                counts.merge(parent.getClass(), 1, Integer::sum);
                super.visitChildren(parent);
            }
        });
        return counts;
    }

    /** Whether {@code actual} has no more nodes of any kind (or of the given kinds) than {@code allowed}. */
    private static boolean noMoreThan(Map<Class<?>, Integer> actual, Map<Class<?>, Integer> allowed,
            Set<Class<? extends Node>> only) {
        return actual.entrySet().stream()
                .filter(e -> e.getKey() != Text.class && (only == null || only.contains(e.getKey())))
                .allMatch(e -> e.getValue() <= allowed.getOrDefault(e.getKey(), 0));
    }

    /** Input ranges a CommonMark renderer would not show as the plain text they are. */
    private static List<int[]> markupRanges(String text) {
        List<int[]> ranges = new ArrayList<>();
        PARSER.parse(text).accept(new AbstractVisitor() {
            @Override
            protected void visitChildren(Node parent) {
                boolean plain = parent instanceof Document || parent instanceof Paragraph
                        || parent instanceof SoftLineBreak
                        || (parent instanceof Text t && t.getLiteral().equals(source(text, parent)));
                if (!plain) {
                    for (SourceSpan span : parent.getSourceSpans()) {
                        ranges.add(new int[] {span.getInputIndex(), span.getInputIndex() + span.getLength()});
                    }
                }
                super.visitChildren(parent);
            }
        });
        return ranges;
    }

    private static String source(String text, Node node) {
        StringBuilder out = new StringBuilder();
        for (SourceSpan span : node.getSourceSpans()) {
            out.append(text, span.getInputIndex(), span.getInputIndex() + span.getLength());
        }
        return out.toString();
    }

    private static boolean isPunctuation(char c) {
        return c < 128 && "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".indexOf(c) >= 0;
    }

    private static int backslashesBefore(String text, int index) {
        int count = 0;
        for (int i = index - 1; i >= 0 && text.charAt(i) == '\\'; i--) {
            count++;
        }
        return count;
    }
}
