package org.cqlhooks.content;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the server reads its content. Defaults point at the copies of cql/, hooks/ and fhir-resources/ that the
 * build bundles into the jar; a site can point any of them at a folder ({@code file:/etc/cql-hooks/cql/}).
 *
 * @param externalCodeSystems code systems the CQL and ValueSets may name without a CodeSystem resource in
 *     fhir-resources/, declared on purpose so that a mistyped system URL stops the start instead of never matching
 *     a code; when not set, {@link #STANDARD_CODE_SYSTEMS}
 * @param cards the card files of the rule families; when not set, the folder cards/ of {@code hooks} (a separate
 *     location serves platforms whose configuration volumes are flat, such as a Kubernetes ConfigMap)
 * @param watch whether a change under the {@code file:} locations is reloaded while the server runs; when not set,
 *     on in development mode (no trusted clients) and off otherwise
 */
@ConfigurationProperties("cds.content")
public record ContentProperties(
        @DefaultValue("classpath:content/cql/") String cql,
        @DefaultValue("classpath:content/hooks/") String hooks,
        @DefaultValue("classpath:content/fhir-resources/") String fhirResources,
        List<String> externalCodeSystems,
        String cards,
        Boolean watch) {

    /** The terminologies the bundled content codes with, none of which is bundled (they are far too large). */
    public static final List<String> STANDARD_CODE_SYSTEMS = List.of(
            "http://loinc.org",
            "http://snomed.info/sct",
            "http://www.nlm.nih.gov/research/umls/rxnorm",
            "http://hl7.org/fhir/sid/icd-10-cm",
            "http://unitsofmeasure.org",
            "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation");

    @ConstructorBinding
    public ContentProperties {
        externalCodeSystems = externalCodeSystems == null ? STANDARD_CODE_SYSTEMS : List.copyOf(externalCodeSystems);
        if (cards == null || cards.isBlank()) {
            cards = (hooks.endsWith("/") ? hooks : hooks + "/") + "cards/";
        }
    }

    /** Content at these locations, with the standard external code systems. */
    public ContentProperties(String cql, String hooks, String fhirResources) {
        this(cql, hooks, fhirResources, null, null, null);
    }
}
