package org.cqlhooks.catalog;

import ca.uhn.fhir.context.FhirContext;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.cqlhooks.content.ContentProperties;
import org.cqlhooks.content.ContentScope;
import org.cqlhooks.cql.CqlProperties;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * Where content is read from and what it is checked with: the content locations and the content packages beside
 * them, the site's CQL parameters and default override reasons, the resolver that lists the files, the FHIR context
 * and the clock of the empty-record evaluation; and which part of the content is read (all of it, but for the
 * command line's {@code evaluate}: one service's). The server, a reload and the command line each load a
 * {@link ContentSnapshot} from one of these.
 */
public record ContentSources(ContentProperties content, List<String> packages, CqlProperties cql, CardProperties cards,
        ResourcePatternResolver resolver, FhirContext fhir, Clock clock, ContentScope scope) {

    public ContentSources {
        packages = List.copyOf(packages);
    }

    /** The whole content. */
    public ContentSources(ContentProperties content, List<String> packages, CqlProperties cql, CardProperties cards,
            ResourcePatternResolver resolver, FhirContext fhir, Clock clock) {
        this(content, packages, cql, cards, resolver, fhir, clock, ContentScope.ALL);
    }

    /** The content at these locations, without packages, site parameters or default override reasons. */
    public static ContentSources of(ContentProperties content, ResourcePatternResolver resolver, FhirContext fhir,
            Clock clock) {
        return new ContentSources(content, List.of(), new CqlProperties(Map.of()), new CardProperties(List.of()),
                resolver, fhir, clock);
    }

    /** The same sources, only the part of the content in {@code part}. */
    public ContentSources only(ContentScope part) {
        return new ContentSources(content, packages, cql, cards, resolver, fhir, clock, part);
    }
}
