package org.cqlhooks.content;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the server reads its content. Defaults point at the copies of cql/, hooks/ and fhir-resources/ that the
 * build bundles into the jar; a site can point any of them at a folder ({@code file:/etc/cql-hooks/cql/}).
 */
@ConfigurationProperties("cds.content")
public record ContentProperties(
        @DefaultValue("classpath:content/cql/") String cql,
        @DefaultValue("classpath:content/hooks/") String hooks,
        @DefaultValue("classpath:content/fhir-resources/") String fhirResources) {
}
