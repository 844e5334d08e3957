package org.cqlhooks.content;

import java.util.List;
import org.cqlhooks.wire.Coding;
import org.cqlhooks.wire.Link;

/**
 * One card a service can return, as written in hooks/&lt;id&gt;.json. Text fields may hold
 * {@code ${Definition name}} placeholders filled from the library's results.
 *
 * @param id the card ID, sent as {@code source.topic.code} (system: the card-type CodeSystem in
 *     fhir-resources/codesystems/)
 * @param title short title, sent as {@code source.topic.display}
 * @param library the CQL library; left out in a card file (hooks/cards/&lt;Library&gt;.json names it) and when
 *     the service runs one library
 * @param when the Boolean CQL definition that makes the card fire
 * @param indicator info, warning or critical, or a placeholder for a definition that yields one of them
 * @param evidence the evidence label, shown in the detail and carried in the card's extension
 * @param evidenceResources optional: a CQL definition listing the records the finding rests on ({@code Type/id}
 *     strings); sent in the card's extension, never in its text
 * @param overrideReasons the reasons a clinician may pick when overriding the card (2.0.1 Coding, display
 *     required); left out, the card offers the configured default set ({@code cds.cards.override-reasons}); an
 *     empty list offers none
 */
public record CardRule(String id, String title, String library, String when, String indicator, String summary,
        String detail, String evidence, String evidenceResources, SourceRule source, List<Link> links,
        List<Coding> overrideReasons) {

    /** This rule with its library named (a card file's rules take the file's library). */
    public CardRule inLibrary(String name) {
        return new CardRule(id, title, name, when, indicator, summary, detail, evidence, evidenceResources, source,
                links, overrideReasons);
    }

    /** Where the card's guidance comes from (2.0.1 "Source"; the topic is derived from the card ID). */
    public record SourceRule(String label, String url, String icon) {
    }
}
