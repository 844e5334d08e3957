package org.cqlhooks.cql;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Site settings for the CQL content: {@code cds.cql.parameters.<ParameterName>=<value>} sets a CQL
 * {@code parameter} of that name (in every library that declares it) without touching CQL. Names match ignoring
 * case, spaces and punctuation, so {@code OpioidWashoutDays}, {@code opioid-washout-days} and the environment
 * variable {@code CDS_CQL_PARAMETERS_OPIOIDWASHOUTDAYS} all set {@code "Opioid Washout Days"}.
 */
@ConfigurationProperties("cds.cql")
public record CqlProperties(Map<String, String> parameters) {

    public CqlProperties {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }
}
