package org.cqlhooks.catalog;

import ca.uhn.fhir.context.FhirContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cqlhooks.content.ContentException;
import org.cqlhooks.content.ContentScope;
import org.cqlhooks.cql.ContentLoader;
import org.cqlhooks.cql.CqlEvaluator;
import org.cqlhooks.cql.CqlLibraries;
import org.cqlhooks.cql.CqlParameters;
import org.cqlhooks.cql.CqlProperties;
import org.cqlhooks.cql.ValueSetTerminology;
import org.cqlhooks.knowledge.ContentPackages;

/**
 * One loaded and checked version of the content: the compiled libraries, the terminology, the site's parameters,
 * the evaluator over them and the services (the own ones and those of the content packages). Immutable once
 * loaded, so a call that took a snapshot finishes on it even when a reload puts a newer one in place
 * ({@link LiveContent}).
 */
public record ContentSnapshot(CqlLibraries libraries, ValueSetTerminology terminology, CqlParameters parameters,
        CqlEvaluator evaluator, ServiceCatalog catalog, FhirContext fhir, Instant loadedAt) {

    /**
     * Translates, reads and checks the content as the start-up does; throws one {@link ContentException} listing
     * every problem found ({@link ContentCheck}).
     */
    public static ContentSnapshot load(ContentSources sources) {
        return load(sources, loader(sources));
    }

    /** Starts loading the content of these sources (the CQL and the terminology side by side). */
    static ContentLoader loader(ContentSources sources) {
        return new ContentLoader(sources.content(), sources.scope(), sources.resolver(), sources.fhir(),
                ContentLoader.Previous.NONE);
    }

    /**
     * Starts loading the content again, keeping this snapshot's compiled libraries or terminology where their files
     * are unchanged (both are immutable, so two snapshots can share them).
     */
    ContentLoader reloader(ContentSources sources) {
        return new ContentLoader(sources.content(), sources.scope(), sources.resolver(), sources.fhir(),
                new ContentLoader.Previous(libraries, terminology));
    }

    /** As {@link #load(ContentSources)}, from a loader already started on the same sources. */
    static ContentSnapshot load(ContentSources sources, ContentLoader loader) {
        CqlLibraries libraries = loader.libraries();
        ValueSetTerminology terminology = loader.terminology();
        CqlParameters parameters = new CqlParameters(sources.cql(), libraries);
        if (!sources.scope().all() && !parameters.unknownSettings().isEmpty()) {
            // The setting may name a parameter of a library out of scope, or none at all: only the whole content
            // tells, and the whole content's checks then speak, as at start-up.
            ContentSources whole = sources.only(ContentScope.ALL);
            return load(whole, loader(whole));
        }
        List<String> packageProblems = new ArrayList<>();
        ContentPackages packages = packages(sources, terminology, parameters, packageProblems);
        ServiceCatalog catalog = new ServiceCatalog(new ServiceCatalog.Inputs(sources.content(), sources.cards(),
                sources.resolver(), libraries, packages, new DerivedPrefetch(libraries, terminology, sources.fhir()),
                terminology, sources.scope()));
        CqlEvaluator evaluator = new CqlEvaluator(libraries, terminology, parameters, sources.fhir());
        ContentSnapshot snapshot = new ContentSnapshot(libraries, terminology, parameters, evaluator, catalog,
                sources.fhir(), sources.clock().instant());
        List<String> problems = new ArrayList<>(ContentCheck.problems(snapshot, sources));
        problems.addAll(packageProblems);
        ContentException.throwIfAny(problems);
        return snapshot;
    }

    /** The content packages (none unless configured); their problems are collected with the content's own. */
    private static ContentPackages packages(ContentSources sources, ValueSetTerminology terminology,
            CqlParameters parameters, List<String> problems) {
        try {
            return ContentPackages.load(new ContentPackages.Inputs(sources.packages(), sources.content().cql(),
                    terminology, parameters.values(), sources.fhir(), sources.resolver(),
                    sources.cards().overrideReasons()));
        } catch (ContentException e) {
            problems.addAll(e.problems());
            return ContentPackages.none();
        }
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
