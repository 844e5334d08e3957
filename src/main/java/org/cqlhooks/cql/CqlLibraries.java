package org.cqlhooks.cql;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cqframework.cql.cql2elm.CqlCompilerException;
import org.cqframework.cql.cql2elm.LibraryManager;
import org.cqframework.cql.cql2elm.StringLibrarySourceProvider;
import org.cqframework.cql.cql2elm.model.CompiledLibrary;
import org.cqframework.cql.cql2elm.tracking.Trackable;
import org.cqlhooks.content.ContentFiles.ContentFile;
import org.cqlhooks.content.ContentFiles;
import org.cqlhooks.content.ContentProperties;
import org.cqlhooks.content.ContentScope;
import org.hl7.elm.r1.Element;
import org.hl7.elm.r1.ExpressionDef;
import org.hl7.elm.r1.ParameterDef;
import org.hl7.elm.r1.VersionedIdentifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * Translates every library in the cql/ folder (or those one service needs, {@link ContentScope}) once, at start-up,
 * with the FHIR 4.0.1 model and FHIRHelpers.
 * Translation errors are collected for every library (library, line and column each), so the start fails once with
 * all of them ({@link #problems()}). The compiled libraries live in one shared {@link LibraryManager} that
 * evaluations only read; a library that does not translate is not among them.
 */
public class CqlLibraries {

    private static final Logger log = LoggerFactory.getLogger(CqlLibraries.class);
    private static final Pattern LIBRARY_HEADER =
            Pattern.compile("^\\s*library\\s+(\"[^\"]+\"|[A-Za-z_][A-Za-z0-9_]*)(?:\\s+version\\s+'([^']+)')?",
                    Pattern.MULTILINE);
    private static final Pattern INCLUDE =
            Pattern.compile("^\\s*include\\s+(\"[^\"]+\"|[A-Za-z_][A-Za-z0-9_]*)", Pattern.MULTILINE);

    private final List<ContentFile> files;
    private final LibraryManager libraryManager;
    private final Map<String, CompiledLibrary> byName = new LinkedHashMap<>();
    private final Map<String, String> fileOf = new LinkedHashMap<>();
    private final Set<String> failed = new LinkedHashSet<>();
    private final Set<String> problems = new LinkedHashSet<>();

    public CqlLibraries(ContentProperties content, ResourcePatternResolver resolver) {
        this(ContentFiles.read(resolver, content.cql(), "*.cql"), Map.of());
    }

    /**
     * The libraries of the content's cql/ folder in scope: {@code previous} itself when its files are the same, word
     * for word (a reload after a change elsewhere keeps the compiled libraries instead of translating them again).
     */
    public static CqlLibraries reusing(ContentProperties content, ContentScope scope, ResourcePatternResolver resolver,
            CqlLibraries previous) {
        List<ContentFile> files = inScope(ContentFiles.read(resolver, content.cql(), "*.cql"), scope);
        if (previous == null) {
            return new CqlLibraries(files, Map.of());
        }
        if (previous.files.equals(files)) {
            log.info("cql/ unchanged: its {} compiled libraries are kept", previous.byName.size());
            return previous;
        }
        Map<VersionedIdentifier, CompiledLibrary> kept = UnchangedLibraries.of(
                previous.libraryManager.getCompiledLibraries(), previous.byName, previous.texts(), texts(files));
        return new CqlLibraries(files, kept);
    }

    private CqlLibraries(List<ContentFile> files, Map<VersionedIdentifier, CompiledLibrary> kept) {
        this.files = List.copyOf(files);
        this.libraryManager = CqlFoundation.get().newLibraryManager(kept);
        libraryManager.getLibrarySourceLoader().registerProvider(
                new StringLibrarySourceProvider(files.stream().map(ContentFile::text).toList()));
        Map<ContentFile, VersionedIdentifier> ids = new LinkedHashMap<>();
        for (ContentFile file : files) {
            VersionedIdentifier id = identifier(file);
            if (id == null) {
                problems.add("cql/" + file.name() + " has no 'library <Name> version ...' header");
            } else if (fileOf.putIfAbsent(id.getId(), file.name()) != null) {
                problems.add("CQL library " + id.getId() + " is defined twice (" + fileOf.get(id.getId()) + " and "
                        + file.name() + ")");
            } else {
                ids.put(file, id);
            }
        }
        long start = System.nanoTime();
        ids.forEach((file, id) -> {
            CompiledLibrary compiled = translate(file, id);
            if (compiled == null) {
                failed.add(id.getId());
            } else {
                byName.put(id.getId(), compiled);
            }
        });
        long ms = (System.nanoTime() - start) / 1_000_000;
        if (kept.isEmpty()) {
            log.info("Translated {} CQL libraries in {} ms: {}", byName.size(), ms, byName.keySet());
        } else {
            Set<String> keptNames = new TreeSet<>();
            kept.keySet().forEach(id -> keptNames.add(id.getId()));
            log.info("Translated {} of {} CQL libraries in {} ms: {}; unchanged since the last load, kept compiled: {}",
                    byName.size() - keptNames.size(), byName.size(), ms,
                    byName.keySet().stream().filter(name -> !keptNames.contains(name)).toList(), keptNames);
        }
    }

    /**
     * The files of the libraries in scope and of every library they include, transitively (an include is read from
     * the source: {@code include Name version ...}). A file without a library header is kept, so its problem is
     * reported; a library not in cql/ (FHIRHelpers) is the translator's to find or to report.
     */
    private static List<ContentFile> inScope(List<ContentFile> files, ContentScope scope) {
        if (scope.all()) {
            return files;
        }
        Map<String, List<ContentFile>> byName = new LinkedHashMap<>();
        for (ContentFile file : files) {
            VersionedIdentifier id = identifier(file);
            if (id != null) {
                byName.computeIfAbsent(id.getId(), name -> new ArrayList<>()).add(file);
            }
        }
        Set<String> needed = new LinkedHashSet<>();
        Deque<String> next = new ArrayDeque<>(scope.libraries());
        while (!next.isEmpty()) {
            String name = next.pop();
            if (needed.add(name)) {
                for (ContentFile file : byName.getOrDefault(name, List.of())) {
                    Matcher include = INCLUDE.matcher(file.text());
                    while (include.find()) {
                        next.add(include.group(1).replace("\"", ""));
                    }
                }
            }
        }
        return files.stream().filter(file -> {
            VersionedIdentifier id = identifier(file);
            return id == null || needed.contains(id.getId());
        }).toList();
    }

    /** Library name to its source text, for the libraries of these files. */
    private static Map<String, String> texts(List<ContentFile> files) {
        Map<String, String> texts = new LinkedHashMap<>();
        for (ContentFile file : files) {
            VersionedIdentifier id = identifier(file);
            if (id != null) {
                texts.putIfAbsent(id.getId(), file.text());
            }
        }
        return texts;
    }

    private Map<String, String> texts() {
        return texts(files);
    }

    /** Every translation problem of every library, each naming the library, its file, the line and the column. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** Whether a library of this name is in cql/ but did not translate (its problems are listed already). */
    public boolean failed(String name) {
        return failed.contains(name);
    }

    /** "library X (X.cql), line n" for a definition of a library, as content problems name places. */
    public String where(String library, Element element) {
        String at = "library " + library + " (" + fileOf.getOrDefault(library, library + ".cql") + ")";
        var trackbacks = Trackable.INSTANCE.getTrackbacks(element);
        return trackbacks.isEmpty() ? at : at + ", line " + trackbacks.get(0).getStartLine();
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

    /** The parameter named {@code name} declared in the library. */
    public Optional<ParameterDef> parameter(String library, String name) {
        return find(library).map(lib -> lib.getLibrary().getParameters())
                .flatMap(parameters -> parameters.getDef().stream().filter(p -> p.getName().equals(name)).findFirst());
    }

    /** The compiled library, or null when it does not translate (its errors are added to the problems). */
    private CompiledLibrary translate(ContentFile file, VersionedIdentifier id) {
        List<CqlCompilerException> errors = new ArrayList<>();
        CompiledLibrary compiled;
        try {
            compiled = libraryManager.resolveLibrary(id, errors);
        } catch (RuntimeException e) {
            problems.add("library " + id.getId() + " (" + file.name() + ") cannot be translated: " + e.getMessage());
            return null;
        }
        List<CqlCompilerException> found = errors.stream()
                .filter(p -> p.getSeverity() == CqlCompilerException.ErrorSeverity.Error)
                .toList();
        List<CqlCompilerException> missing = found.stream().filter(CqlLibraries::isMissingInclude).toList();
        if (!missing.isEmpty()) {
            // Every use of the missing library fails too; those errors say nothing the first one does not.
            missing.forEach(p -> problems.add(describe(file, p) + " (" + (found.size() - missing.size())
                    + " further errors follow from it)"));
        } else {
            found.forEach(p -> problems.add(describe(file, p)));
        }
        return found.isEmpty() ? compiled : null;
    }

    private static boolean isMissingInclude(CqlCompilerException problem) {
        return problem.getMessage() != null && problem.getMessage().startsWith("Could not load source for library");
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
            return null;
        }
        String name = m.group(1).replace("\"", "");
        return new VersionedIdentifier().withId(name).withVersion(m.group(2));
    }
}
