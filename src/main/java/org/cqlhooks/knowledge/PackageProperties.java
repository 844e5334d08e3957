package org.cqlhooks.knowledge;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Content packages served beside the own hooks/*.json services: each a {@code file:} or {@code classpath:} location
 * of a FHIR NPM package ({@code .tgz}), a folder in the IG source layout, or a folder of plain FHIR JSON resources.
 */
@ConfigurationProperties("cds.content")
public record PackageProperties(@DefaultValue List<String> packages) {

    public PackageProperties {
        packages = packages == null ? List.of() : List.copyOf(packages);
    }
}
