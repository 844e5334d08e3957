package org.cqlhooks.knowledge;

import ca.uhn.fhir.repository.IRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cqframework.cql.cql2elm.CqlCompilerException;
import org.cqframework.cql.cql2elm.LibraryManager;
import org.cqframework.cql.cql2elm.ModelManager;
import org.cqframework.cql.cql2elm.model.CompiledLibrary;
import org.cqframework.cql.cql2elm.quick.FhirLibrarySourceProvider;
import org.hl7.cql.model.NamespaceInfo;
import org.hl7.elm.r1.VersionedIdentifier;
import org.opencds.cqf.fhir.cql.EvaluationSettings;
import org.opencds.cqf.fhir.cql.cql2elm.content.RepositoryFhirLibrarySourceProvider;
import org.opencds.cqf.fhir.cql.cql2elm.content.RepositoryFhirModelInfoProvider;
import org.opencds.cqf.fhir.cql.cql2elm.util.LibraryVersionSelector;
import org.opencds.cqf.fhir.utility.adapter.IAdapterFactory;

/**
 * Translates the packages' CQL at start-up, into the library cache that every {@code $apply} reads: the library
 * manager here is built as the reference engine builds its own for each evaluation (same providers, namespaces
 * and caches), so a call finds every library it needs already compiled. Translation errors become problems that
 * name the library, the file, the line and the column.
 */
final class PackageCompiler {

    private final LibraryManager manager;
    private final Map<String, String> originByLibrary;

    PackageCompiler(EvaluationSettings settings, IRepository repository, Map<String, String> originByLibrary) {
        this.originByLibrary = originByLibrary;
        ModelManager models = new ModelManager(settings.getModelCache());
        var adapters = IAdapterFactory.forFhirContext(repository.fhirContext());
        models.getModelInfoLoader().registerModelInfoProvider(
                new RepositoryFhirModelInfoProvider(repository, adapters, new LibraryVersionSelector(adapters)));
        this.manager = new LibraryManager(models, settings.getCqlOptions().getCqlCompilerOptions(),
                settings.getLibraryCache());
        var loader = manager.getLibrarySourceLoader();
        loader.clearProviders();
        settings.getLibrarySourceProviders().forEach(loader::registerProvider);
        if (settings.getCqlOptions().useEmbeddedLibraries()) {
            loader.registerProvider(new FhirLibrarySourceProvider());
        }
        loader.registerProvider(
                new RepositoryFhirLibrarySourceProvider(repository, adapters, new LibraryVersionSelector(adapters)));
        var namespaces = manager.getNamespaceManager();
        namespaces.ensureNamespaceRegistered(new NamespaceInfo("hl7.fhir.uv.cql", "http://hl7.org/fhir/uv/cql"));
        namespaces.ensureNamespaceRegistered(new NamespaceInfo("hl7.fhir.us.cql", "http://hl7.org/fhir/us/cql"));
    }

    LibraryManager libraryManager() {
        return manager;
    }

    /** Compiles the library as a call will ask for it; null (and problems added) when it does not translate. */
    CompiledLibrary compile(VersionedIdentifier id, String requestedBy, Problems problems) {
        List<CqlCompilerException> errors = new ArrayList<>();
        CompiledLibrary compiled;
        try {
            compiled = manager.resolveLibrary(id, errors);
        } catch (RuntimeException e) {
            problems.add(requestedBy, "CQL library " + id.getId() + " cannot be translated: " + e.getMessage());
            return null;
        }
        boolean failed = false;
        for (CqlCompilerException error : errors) {
            if (error.getSeverity() == CqlCompilerException.ErrorSeverity.Error) {
                var at = error.getLocator();
                String library = at != null && at.getLibrary() != null ? at.getLibrary().getId() : id.getId();
                String place = at == null ? "" : ", line " + at.getStartLine() + ", column " + at.getStartChar();
                problems.add(originByLibrary.getOrDefault(library, requestedBy),
                        "CQL library " + library + place + ": " + error.getMessage());
                failed = true;
            }
        }
        return failed ? null : compiled;
    }

    /** Compiles every package library no service needed, so its errors are found too. */
    void compileTheRest(List<CqlSource> sources, Problems problems) {
        java.util.Set<String> compiled = new java.util.HashSet<>();
        manager.getCompiledLibraries().keySet().forEach(id -> compiled.add(id.getId()));
        for (CqlSource source : sources) {
            if (!compiled.contains(source.name())) {
                compile(new VersionedIdentifier().withId(source.name()).withVersion(source.version()), source.origin(),
                        problems);
            }
        }
    }
}
