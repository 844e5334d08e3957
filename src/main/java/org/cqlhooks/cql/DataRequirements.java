package org.cqlhooks.cql;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.xml.namespace.QName;
import org.cqframework.cql.cql2elm.model.CompiledLibrary;
import org.cqframework.cql.elm.visiting.FunctionalElmVisitor;
import org.hl7.elm.r1.CodeDef;
import org.hl7.elm.r1.CodeRef;
import org.hl7.elm.r1.CodeSystemDef;
import org.hl7.elm.r1.ConceptDef;
import org.hl7.elm.r1.ConceptRef;
import org.hl7.elm.r1.Element;
import org.hl7.elm.r1.Expression;
import org.hl7.elm.r1.IncludeDef;
import org.hl7.elm.r1.Library;
import org.hl7.elm.r1.Retrieve;
import org.hl7.elm.r1.ToConcept;
import org.hl7.elm.r1.ToList;
import org.hl7.elm.r1.ValueSetDef;
import org.hl7.elm.r1.ValueSetRef;
import org.hl7.fhir.r4.model.ResourceType;
import org.opencds.cqf.cql.engine.runtime.Code;
import org.opencds.cqf.cql.engine.terminology.ValueSetInfo;

/**
 * What a set of libraries can read, from the retrieves of their compiled ELM (and of the content libraries they
 * include): for each FHIR resource type, either every resource of it (a retrieve without codes) or the resources
 * whose code path holds one of the codes a retrieve names (a ValueSet's codes through the terminology the engine
 * uses, or codes and concepts of the library). Every retrieve of the libraries counts, whether or not a card reads
 * it. Whatever this cannot settle (codes computed at run time, a dotted code path, a data type that is not a FHIR
 * resource) reads every resource of the type or of every type: the answer only ever errs towards reading more.
 */
public final class DataRequirements {

    private static final String FHIR_MODEL = "http://hl7.org/fhir";

    /**
     * One thing the libraries read: every resource of {@code type} when {@code codePath} is null, else those whose
     * {@code codePath} holds the code {@code system}|{@code code}.
     */
    public record Read(String type, String codePath, String system, String code) {

        public boolean everyResource() {
            return codePath == null;
        }
    }

    /**
     * @param everything nothing can be left out (a retrieve this cannot settle the type of)
     * @param reads what is read, type by type
     */
    public record Requirements(boolean everything, List<Read> reads) {

        public Requirements {
            reads = List.copyOf(reads);
        }
    }

    private final CqlLibraries libraries;
    private final ValueSetTerminology terminology;

    public DataRequirements(CqlLibraries libraries, ValueSetTerminology terminology) {
        this.libraries = libraries;
        this.terminology = terminology;
    }

    /** What the named libraries and, transitively, the content libraries they include read. */
    public Requirements of(Collection<String> libraryNames) {
        List<Read> reads = new ArrayList<>();
        boolean everything = false;
        for (String name : withIncludes(libraryNames)) {
            Optional<CompiledLibrary> compiled = libraries.find(name);
            if (compiled.isEmpty()) {
                // FHIRHelpers is no content library (and reads nothing); one that did not translate stops the
                // start, and until then everything is read.
                everything |= libraries.failed(name) || libraryNames.contains(name);
                continue;
            }
            Library library = compiled.get().getLibrary();
            for (Retrieve retrieve : retrieves(library)) {
                everything |= !add(retrieve, library, reads);
            }
        }
        return new Requirements(everything, reads);
    }

    /** Every retrieve of the library's statements (expressions and functions). */
    public static List<Retrieve> retrieves(Library library) {
        List<Retrieve> retrieves = new ArrayList<>();
        FunctionalElmVisitor.<Object, Object>from((Element element, Object context) -> {
            if (element instanceof Retrieve retrieve) {
                retrieves.add(retrieve);
            }
            return null;
        }).visitLibrary(library, null);
        return retrieves;
    }

    /** Adds what the retrieve reads; false when its data type is not a FHIR resource type. */
    private boolean add(Retrieve retrieve, Library library, List<Read> reads) {
        QName dataType = retrieve.getDataType();
        if (dataType == null || !FHIR_MODEL.equals(dataType.getNamespaceURI()) || !isResourceType(dataType.getLocalPart())) {
            return false;
        }
        String type = dataType.getLocalPart();
        String path = retrieve.getCodeProperty();
        Optional<Set<Code>> codes = retrieve.getCodes() == null ? Optional.empty() : codes(retrieve.getCodes(), library);
        if (retrieve.getCodes() == null || codes.isEmpty() || path == null || path.contains(".")) {
            reads.add(new Read(type, null, null, null));
            return true;
        }
        codes.get().forEach(code -> reads.add(new Read(type, path, code.getSystem(), code.getCode())));
        return true;
    }

    private static boolean isResourceType(String name) {
        try {
            ResourceType.fromCode(name);
            return true;
        } catch (RuntimeException notOne) {
            return false;
        }
    }

    /** The codes a retrieve's code expression stands for, or empty when they are only known at run time. */
    private Optional<Set<Code>> codes(Expression expression, Library library) {
        Set<Code> codes = new LinkedHashSet<>();
        return collect(expression, library, codes) ? Optional.of(codes) : Optional.empty();
    }

    private boolean collect(Expression expression, Library library, Set<Code> into) {
        if (expression instanceof ValueSetRef ref) {
            Library owner = owner(library, ref.getLibraryName());
            Optional<ValueSetDef> def = owner == null ? Optional.empty()
                    : owner.getValueSets().getDef().stream().filter(v -> v.getName().equals(ref.getName())).findFirst();
            if (def.isEmpty() || !terminology.knows(def.get().getId())) {
                return false;
            }
            terminology.expand(new ValueSetInfo().withId(def.get().getId())).forEach(into::add);
            return true;
        }
        if (expression instanceof CodeRef ref) {
            return code(ref, library, into);
        }
        if (expression instanceof ConceptRef ref) {
            Library owner = owner(library, ref.getLibraryName());
            Optional<ConceptDef> def = owner == null || owner.getConcepts() == null ? Optional.empty()
                    : owner.getConcepts().getDef().stream().filter(c -> c.getName().equals(ref.getName())).findFirst();
            return def.isPresent() && def.get().getCode().stream().allMatch(code -> code(code, owner, into));
        }
        if (expression instanceof ToList list) {
            return collect(list.getOperand(), library, into);
        }
        if (expression instanceof ToConcept concept) {
            return collect(concept.getOperand(), library, into);
        }
        if (expression instanceof org.hl7.elm.r1.List list) {
            return list.getElement().stream().allMatch(e -> collect(e, library, into));
        }
        return false;
    }

    private boolean code(CodeRef ref, Library library, Set<Code> into) {
        Library owner = owner(library, ref.getLibraryName());
        Optional<CodeDef> code = owner == null || owner.getCodes() == null ? Optional.empty()
                : owner.getCodes().getDef().stream().filter(c -> c.getName().equals(ref.getName())).findFirst();
        if (code.isEmpty() || code.get().getCodeSystem() == null) {
            return false;
        }
        Library systemOwner = owner(owner, code.get().getCodeSystem().getLibraryName());
        Optional<String> system = systemOwner == null ? Optional.empty()
                : systemOwner.getCodeSystems().getDef().stream()
                        .filter(cs -> cs.getName().equals(code.get().getCodeSystem().getName()))
                        .map(CodeSystemDef::getId).findFirst();
        system.ifPresent(url -> into.add(new Code().withSystem(url).withCode(code.get().getId())));
        return system.isPresent();
    }

    /** The library an alias names from {@code library} (itself when there is no alias), or null. */
    private Library owner(Library library, String alias) {
        if (alias == null) {
            return library;
        }
        if (library.getIncludes() == null) {
            return null;
        }
        return library.getIncludes().getDef().stream().filter(i -> alias.equals(i.getLocalIdentifier()))
                .map(IncludeDef::getPath).findFirst().flatMap(libraries::find).map(CompiledLibrary::getLibrary)
                .orElse(null);
    }

    /**
     * The libraries and, transitively, the libraries they include: content libraries, and FHIRHelpers (which
     * is no content library and holds no retrieve).
     */
    private Set<String> withIncludes(Collection<String> names) {
        Set<String> all = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(names);
        while (!todo.isEmpty()) {
            String name = todo.remove(0);
            if (!all.add(name)) {
                continue;
            }
            CompiledLibrary compiled = libraries.find(name).orElse(null);
            if (compiled == null || compiled.getLibrary().getIncludes() == null) {
                continue;
            }
            compiled.getLibrary().getIncludes().getDef().forEach(i -> todo.add(i.getPath()));
        }
        return all;
    }
}
