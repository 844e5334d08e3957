package org.cqlhooks.testing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.cqframework.cql.cql2elm.model.CompiledLibrary;
import org.cqframework.cql.elm.visiting.FunctionalElmVisitor;
import org.cqlhooks.cql.CqlLibraries;
import org.hl7.elm.r1.CodeDef;
import org.hl7.elm.r1.CodeRef;
import org.hl7.elm.r1.CodeSystemDef;
import org.hl7.elm.r1.Element;
import org.hl7.elm.r1.Expression;
import org.hl7.elm.r1.IncludeDef;
import org.hl7.elm.r1.Library;
import org.hl7.elm.r1.Retrieve;
import org.hl7.elm.r1.ToList;
import org.hl7.elm.r1.ValueSetRef;
import org.opencds.cqf.cql.engine.terminology.ValueSetInfo;

/**
 * The retrieves of the bundled libraries, read from their compiled ELM for tests that check something against what
 * the CQL reads (prefetch templates, the resources left unread): each retrieve's type, code path and the
 * system|code keys it filters by (a ValueSet through the terminology the engine uses, or a code of the library).
 * Written for the content's shapes: a code filter of another shape fails the test that meets it.
 */
public final class ElmRetrieves {

    /** One retrieve: {@code codes} empty when it reads every resource of the type. */
    public record Read(String library, String type, String codePath, Set<String> codes) {

        public boolean everyResource() {
            return codes.isEmpty();
        }
    }

    private ElmRetrieves() {
    }

    /** The retrieves of the library's own statements. */
    public static List<Read> of(String libraryName) {
        CqlLibraries libraries = TestContent.libraries();
        Library library = libraries.find(libraryName).orElseThrow().getLibrary();
        List<Read> reads = new ArrayList<>();
        FunctionalElmVisitor.<Object, Object>from((Element element, Object context) -> {
            if (element instanceof Retrieve retrieve) {
                reads.add(new Read(libraryName, retrieve.getDataType().getLocalPart(), retrieve.getCodeProperty(),
                        retrieve.getCodes() == null ? Set.of() : keys(retrieve.getCodes(), library, libraries)));
            }
            return null;
        }).visitLibrary(library, null);
        return reads;
    }

    /** The libraries and, transitively, the content libraries they include (not FHIRHelpers). */
    public static Set<String> withIncludes(Set<String> names) {
        CqlLibraries libraries = TestContent.libraries();
        Set<String> all = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(names);
        while (!todo.isEmpty()) {
            String name = todo.remove(0);
            CompiledLibrary compiled = libraries.find(name).orElse(null);
            if (compiled == null || !all.add(name) || compiled.getLibrary().getIncludes() == null) {
                continue;
            }
            compiled.getLibrary().getIncludes().getDef().forEach(i -> todo.add(i.getPath()));
        }
        return all;
    }

    private static Set<String> keys(Expression codes, Library library, CqlLibraries libraries) {
        if (codes instanceof ValueSetRef ref) {
            Library owner = ref.getLibraryName() == null ? library : included(library, ref.getLibraryName(), libraries);
            String url = owner.getValueSets().getDef().stream().filter(v -> v.getName().equals(ref.getName()))
                    .findFirst().orElseThrow().getId();
            // The ValueSet's codes, through the terminology the engine uses.
            Set<String> keys = new LinkedHashSet<>();
            TestContent.terminology().expand(new ValueSetInfo().withId(url))
                    .forEach(c -> keys.add(c.getSystem() + "|" + c.getCode()));
            return keys;
        }
        if (codes instanceof CodeRef ref) {
            Library owner = ref.getLibraryName() == null ? library : included(library, ref.getLibraryName(), libraries);
            CodeDef code = owner.getCodes().getDef().stream().filter(c -> c.getName().equals(ref.getName()))
                    .findFirst().orElseThrow();
            String system = owner.getCodeSystems().getDef().stream()
                    .filter(cs -> cs.getName().equals(code.getCodeSystem().getName()))
                    .map(CodeSystemDef::getId).findFirst().orElseThrow();
            return Set.of(system + "|" + code.getId());
        }
        if (codes instanceof ToList list) {
            return keys(list.getOperand(), library, libraries);
        }
        if (codes instanceof org.hl7.elm.r1.List list) {
            Set<String> keys = new LinkedHashSet<>();
            list.getElement().forEach(e -> keys.addAll(keys(e, library, libraries)));
            return keys;
        }
        throw new AssertionError("a retrieve filtered by " + codes.getClass().getSimpleName() + ": teach ElmRetrieves");
    }

    private static Library included(Library library, String alias, CqlLibraries libraries) {
        IncludeDef include = library.getIncludes().getDef().stream()
                .filter(i -> alias.equals(i.getLocalIdentifier())).findFirst().orElseThrow();
        return libraries.find(include.getPath()).orElseThrow().getLibrary();
    }
}
