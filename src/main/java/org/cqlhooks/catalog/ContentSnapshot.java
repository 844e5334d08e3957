package org.cqlhooks.catalog;

import ca.uhn.fhir.context.FhirContext;
import java.time.Instant;
import java.util.Map;
import org.cqlhooks.content.ContentException;
import org.cqlhooks.cql.ContentLoader;
import org.cqlhooks.cql.CqlEvaluator;
import org.cqlhooks.cql.CqlLibraries;
import org.cqlhooks.cql.CqlParameters;
import org.cqlhooks.cql.CqlProperties;
import org.cqlhooks.cql.ValueSetTerminology;

/**
 * One loaded and checked version of the content: the compiled libraries, the terminology, the site's parameters,
 * the evaluator over them and the services. Immutable once loaded, so a call that took a snapshot finishes on it
 * even when a reload puts a newer one in place ({@link LiveContent}).
 */
public record ContentSnapshot(CqlLibraries libraries, ValueSetTerminology terminology, CqlParameters parameters,
        CqlEvaluator evaluator, ServiceCatalog catalog, FhirContext fhir, Instant loadedAt) {

    /**
     * Translates, reads and checks the content as the start-up does; throws one {@link ContentException} listing
     * every problem found ({@link ContentCheck}).
     */
    public static ContentSnapshot load(ContentSources sources) {
        ContentLoader loader = new ContentLoader(sources.content(), sources.resolver(), sources.fhir());
        CqlLibraries libraries = loader.libraries();
        ValueSetTerminology terminology = loader.terminology();
        ServiceCatalog catalog = new ServiceCatalog(sources.content(), sources.resolver(), libraries,
                new DerivedPrefetch(libraries, terminology, sources.fhir()));
        CqlParameters parameters = new CqlParameters(sources.cql(), libraries);
        CqlEvaluator evaluator = new CqlEvaluator(libraries, terminology, parameters, sources.fhir());
        ContentSnapshot snapshot = new ContentSnapshot(libraries, terminology, parameters, evaluator, catalog,
                sources.fhir(), sources.clock().instant());
        ContentException.throwIfAny(ContentCheck.problems(snapshot, sources));
        return snapshot;
    }

    /**
     * An evaluator of this content with other site parameters (a test case's), checked as at start-up: a setting
     * that names no parameter or lies outside its range throws a {@link ContentException} naming it.
     */
    public CqlEvaluator evaluatorWith(Map<String, String> siteParameters) {
        if (siteParameters.isEmpty()) {
            return evaluator;
        }
        CqlParameters checked = new CqlParameters(new CqlProperties(siteParameters), libraries);
        ContentException.throwIfAny(checked.problems());
        return new CqlEvaluator(libraries, terminology, checked, fhir);
    }
}
