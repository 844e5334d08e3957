package org.cqlhooks.cql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.cqframework.cql.cql2elm.CqlCompilerException;
import org.cqframework.cql.cql2elm.CqlCompilerOptions;
import org.cqframework.cql.cql2elm.LibraryManager;
import org.cqframework.cql.cql2elm.ModelManager;
import org.cqframework.cql.cql2elm.model.CompiledLibrary;
import org.cqframework.cql.cql2elm.model.Model;
import org.cqlhooks.content.ContentException;
import org.hl7.cql.model.ModelIdentifier;
import org.hl7.elm.r1.VersionedIdentifier;

/**
 * What every content library stands on and no content changes: the FHIR 4.0.1 model and the compiled FHIRHelpers.
 * It depends on no setting, so it is loaded once per JVM and shared by every set of content (each test's Spring
 * context too): loading it is about two thirds of the translation time.
 */
public final class CqlFoundation {

    static final CqlCompilerOptions OPTIONS = CqlCompilerOptions.defaultOptions()
            .withSignatureLevel(org.cqframework.cql.cql2elm.LibraryBuilder.SignatureLevel.All);
    private static final VersionedIdentifier FHIR_HELPERS =
            new VersionedIdentifier().withId("FHIRHelpers").withVersion("4.0.1");
    private static CqlFoundation shared;

    private final ModelManager models;
    private final Map<VersionedIdentifier, CompiledLibrary> compiled;

    private CqlFoundation(ModelManager models, Map<VersionedIdentifier, CompiledLibrary> compiled) {
        this.models = models;
        this.compiled = compiled;
    }

    /** The loaded foundation, loaded on first use. */
    static synchronized CqlFoundation get() {
        if (shared == null) {
            try {
                shared = load();
            } catch (RuntimeException e) {
                throw new ContentException("Cannot load the FHIR 4.0.1 model and FHIRHelpers: " + e, e);
            }
        }
        return shared;
    }

    /**
     * Starts loading the foundation on a thread of its own, for a short-lived process (the command line) that has
     * other start-up work to do meanwhile; {@link #get()} then waits for it. Does nothing once loaded.
     */
    public static void loadInBackground() {
        Thread loading = new Thread(() -> {
            try {
                get();
            } catch (RuntimeException e) {
                // get() fails the same way again where the content is loaded, and is reported there.
            }
        }, "cql-foundation");
        loading.setDaemon(true);
        loading.start();
    }

    /**
     * Hands the loaded FHIR model and FHIRHelpers to another translator's caches (the content packages' reference
     * engine), so it does not load them a second time.
     */
    public static void shareWith(Map<ModelIdentifier, Model> models, Map<VersionedIdentifier, CompiledLibrary> libraries) {
        CqlFoundation foundation = get();
        models.putAll(foundation.models.getGlobalCache());
        libraries.putAll(foundation.compiled);
    }

    /** A library manager for one set of content: the shared model, FHIRHelpers already compiled. */
    LibraryManager newLibraryManager() {
        return newLibraryManager(Map.of());
    }

    /** The same, with libraries compiled before that need no translating again ({@link UnchangedLibraries}). */
    LibraryManager newLibraryManager(Map<VersionedIdentifier, CompiledLibrary> kept) {
        Map<VersionedIdentifier, CompiledLibrary> cache = new ConcurrentHashMap<>(compiled);
        cache.putAll(kept);
        return new LibraryManager(models, OPTIONS, cache);
    }

    private static CqlFoundation load() {
        ModelManager models = new ModelManager();
        Map<VersionedIdentifier, CompiledLibrary> cache = new ConcurrentHashMap<>();
        List<CqlCompilerException> problems = new ArrayList<>();
        new LibraryManager(models, OPTIONS, cache).resolveLibrary(FHIR_HELPERS, problems);
        if (problems.stream().anyMatch(p -> p.getSeverity() == CqlCompilerException.ErrorSeverity.Error)) {
            throw new IllegalStateException("FHIRHelpers 4.0.1 does not translate: " + problems);
        }
        return new CqlFoundation(models, Map.copyOf(cache));
    }
}
