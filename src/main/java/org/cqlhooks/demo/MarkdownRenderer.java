package org.cqlhooks.demo;

import java.util.List;
import org.commonmark.node.Link;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Card {@code detail} is GitHub-flavoured markdown from the CDS service (2.0.1 "Card Attributes"). An EHR shows it
 * formatted, never as live HTML: commonmark-java escapes any raw HTML in the text and drops links with unsafe
 * schemes ({@code javascript:}), and links open in a new tab without access to this page.
 */
final class MarkdownRenderer {

    private final Parser parser = Parser.builder().build();
    private final HtmlRenderer renderer = HtmlRenderer.builder()
            .escapeHtml(true)
            .sanitizeUrls(true)
            .attributeProviderFactory(context -> (node, tag, attributes) -> {
                if (node instanceof Link) {
                    attributes.put("target", "_blank");
                    attributes.put("rel", "noopener noreferrer");
                }
            })
            .build();

    String toHtml(String markdown) {
        return renderer.render(parser.parse(markdown == null ? "" : markdown));
    }

    List<String> toHtml(List<String> markdown) {
        return markdown.stream().map(this::toHtml).toList();
    }
}
