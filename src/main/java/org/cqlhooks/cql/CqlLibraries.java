package org.cqlhooks.cql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cqframework.cql.cql2elm.CqlCompilerException;
import org.cqframework.cql.cql2elm.LibraryManager;
import org.cqframework.cql.cql2elm.StringLibrarySourceProvider;
import org.cqframework.cql.cql2elm.model.CompiledLibrary;
import org.cqlhooks.content.ContentException;
import org.cqlhooks.content.ContentFiles.ContentFile;
import org.cqlhooks.content.ContentFiles;
import org.cqlhooks.content.ContentProperties;
import org.hl7.elm.r1.ExpressionDef;
import org.hl7.elm.r1.VersionedIdentifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * Translates every library in the cql/ folder once, at start-up, with the FHIR 4.0.1 model and FHIRHelpers.
 * A translation error stops the start and names the library, line and column. The compiled libraries live in
 * one shared {@link LibraryManager} that evaluations only read.
 */
public class CqlLibraries {

    private static final Logger log = LoggerFactory.getLogger(CqlLibraries.class);
    private static final Pattern LIBRARY_HEADER =
            Pattern.compile("^\\s*library\\s+(\"[^\"]+\"|[A-Za-z_][A-Za-z0-9_]*)(?:\\s+version\\s+'([^']+)')?",
                    Pattern.MULTILINE);

    private final LibraryManager libraryManager;
    private final Map<String, CompiledLibrary> byName = new LinkedHashMap<>();
    private final Map<String, String> fileOf = new LinkedHashMap<>();

    public CqlLibraries(ContentProperties content, ResourcePatternResolver resolver) {
        List<ContentFile> files = ContentFiles.read(resolver, content.cql(), "*.cql");
        this.libraryManager = CqlFoundation.get().newLibraryManager();
        libraryManager.getLibrarySourceLoader().registerProvider(
                new StringLibrarySourceProvider(files.stream().map(ContentFile::text).toList()));
        for (ContentFile file : files) {
            fileOf.put(identifier(file).getId(), file.name());
        }
        long start = System.nanoTime();
        for (ContentFile file : files) {
            VersionedIdentifier id = identifier(file);
            if (byName.containsKey(id.getId())) {
                throw new ContentException("CQL library " + id.getId() + " is defined twice (" + file.name() + ")");
            }
            byName.put(id.getId(), translate(file, id));
        }
        log.info("Translated {} CQL libraries in {} ms: {}", byName.size(),
                (System.nanoTime() - start) / 1_000_000, byName.keySet());
    }

    public LibraryManager libraryManager() {
        return libraryManager;
    }

    public Optional<CompiledLibrary> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Map<String, CompiledLibrary> all() {
        return Map.copyOf(byName);
    }

    /** The definition named {@code name} in the library, if it is an expression (not a function). */
    public Optional<ExpressionDef> expression(String library, String name) {
        return find(library).map(lib -> lib.resolveExpressionRef(name))
                .filter(def -> !(def instanceof org.hl7.elm.r1.FunctionDef));
    }

    private CompiledLibrary translate(ContentFile file, VersionedIdentifier id) {
        List<CqlCompilerException> problems = new ArrayList<>();
        CompiledLibrary compiled;
        try {
            compiled = libraryManager.resolveLibrary(id, problems);
        } catch (RuntimeException e) {
            throw new ContentException("CQL library " + id.getId() + " (" + file.name() + ") cannot be translated: "
                    + e.getMessage(), e);
        }
        List<String> errors = problems.stream()
                .filter(p -> p.getSeverity() == CqlCompilerException.ErrorSeverity.Error)
                .map(p -> describe(file, p))
                .toList();
        if (!errors.isEmpty()) {
            throw new ContentException("CQL translation failed:\n  " + String.join("\n  ", errors));
        }
        return compiled;
    }

    private String describe(ContentFile file, CqlCompilerException problem) {
        var at = problem.getLocator();
        if (at == null) {
            return file.name() + ": " + problem.getMessage();
        }
        String library = at.getLibrary() == null ? null : at.getLibrary().getId();
        String where = library == null ? file.name() : "library " + library + " (" + fileOf.getOrDefault(library, library + ".cql") + ")";
        return where + ", line " + at.getStartLine() + ", column " + at.getStartChar() + ": " + problem.getMessage();
    }

    private static VersionedIdentifier identifier(ContentFile file) {
        Matcher m = LIBRARY_HEADER.matcher(file.text());
        if (!m.find()) {
            throw new ContentException("CQL file " + file.name() + " has no 'library <Name> version ...' header");
        }
        String name = m.group(1).replace("\"", "");
        return new VersionedIdentifier().withId(name).withVersion(m.group(2));
    }
}
