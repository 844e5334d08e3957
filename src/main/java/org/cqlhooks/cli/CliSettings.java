package org.cqlhooks.cli;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.cqlhooks.catalog.CardProperties;
import org.cqlhooks.content.ContentProperties;
import org.cqlhooks.cql.CqlProperties;

/**
 * What a command needs of the server's configuration, read as the server reads it (application.yml in the jar and
 * in the working directory, environment variables, {@code --name=value} settings): the JSON mapper with the server's
 * settings, the content locations and packages, the site's CQL parameters, the default override reasons and the
 * FHIR context.
 */
public record CliSettings(ObjectMapper json, ContentProperties content, List<String> packages, CqlProperties cql,
        CardProperties cards, FhirContext fhir) {
}
