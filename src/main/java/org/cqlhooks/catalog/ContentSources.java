package org.cqlhooks.catalog;

import ca.uhn.fhir.context.FhirContext;
import java.time.Clock;
import org.cqlhooks.content.ContentProperties;
import org.cqlhooks.cql.CqlProperties;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * Where content is read from and what it is checked with: the content locations, the site's CQL parameters, the
 * resolver that lists the files, the FHIR context and the clock of the empty-record evaluation. The server, a reload
 * and the command line each load a {@link ContentSnapshot} from one of these.
 */
public record ContentSources(ContentProperties content, CqlProperties cql, ResourcePatternResolver resolver,
        FhirContext fhir, Clock clock) {
}
