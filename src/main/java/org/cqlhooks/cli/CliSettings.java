package org.cqlhooks.cli;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.cqlhooks.content.ContentProperties;
import org.cqlhooks.cql.CqlProperties;

/**
 * What a command needs of the server's configuration, read as the server reads it (application.yml in the jar and
 * in the working directory, environment variables, {@code --name=value} settings): the JSON mapper with the server's
 * settings, the content locations, the site's CQL parameters and the FHIR context.
 */
public record CliSettings(ObjectMapper json, ContentProperties content, CqlProperties cql, FhirContext fhir) {
}
