package org.cqlhooks.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cqframework.cql.cql2elm.model.CompiledLibrary;
import org.cqframework.cql.elm.visiting.FunctionalElmVisitor;
import org.cqlhooks.cql.CqlLibraries;
import org.cqlhooks.cql.ValueSetTerminology;
import org.hl7.elm.r1.CodeDef;
import org.hl7.elm.r1.CodeRef;
import org.hl7.elm.r1.CodeSystemDef;
import org.hl7.elm.r1.Element;
import org.hl7.elm.r1.Expression;
import org.hl7.elm.r1.ExpressionRef;
import org.hl7.elm.r1.IncludeDef;
import org.hl7.elm.r1.Library;
import org.hl7.elm.r1.Retrieve;
import org.hl7.elm.r1.ToList;
import org.hl7.elm.r1.ValueSetRef;
import org.opencds.cqf.cql.engine.terminology.ValueSetInfo;

/**
 * What a set of libraries reads from the record, taken from their compiled ELM (their own and every content library
 * they include): for each resource type a retrieve asks for, the codes it is filtered by, as {@code system|code}
 * keys (a ValueSet's codes through the terminology the engine uses), or {@link #ALL} when some retrieve of the type
 * takes every one (no code filter, a filter on another element than {@code code}, or codes given by an expression
 * that is not a ValueSet, a code or a list of them). Also whether a rule reads the Patient resource itself (every
 * library's {@code context Patient} retrieves it; a rule uses it only through {@code Patient}).
 */
public final class RetrievesRead {

    /** Every resource of the type is read. */
    public static final String ALL = "*";

    private final Map<String, Set<String>> codesByType = new LinkedHashMap<>();
    private boolean readsPatient;

    private RetrievesRead() {
    }

    /** What the libraries named {@code names} read (libraries that did not translate read nothing). */
    public static RetrievesRead of(Collection<String> names, CqlLibraries libraries, ValueSetTerminology terminology) {
        RetrievesRead read = new RetrievesRead();
        for (String name : withIncludes(names, libraries)) {
            Library library = libraries.find(name).orElseThrow().getLibrary();
            List<Retrieve> retrieves = new ArrayList<>();
            FunctionalElmVisitor.<Object, Object>from((Element element, Object context) -> {
                if (element instanceof Retrieve retrieve) {
                    retrieves.add(retrieve);
                } else if (element instanceof ExpressionRef ref && "Patient".equals(ref.getName())) {
                    read.readsPatient = true;
                }
                return null;
            }).visitLibrary(library, null);
            for (Retrieve retrieve : retrieves) {
                Set<String> codes = read.codesByType.computeIfAbsent(retrieve.getDataType().getLocalPart(),
                        t -> new LinkedHashSet<>());
                Set<String> keys = retrieve.getCodes() == null || !isCodeElement(retrieve) ? null
                        : keys(retrieve.getCodes(), library, libraries, terminology);
                if (keys == null) {
                    codes.add(ALL);
                } else {
                    codes.addAll(keys);
                }
            }
        }
        return read;
    }

    /** Resource type to the {@code system|code} keys its retrieves read, or a set holding {@link #ALL}. */
    public Map<String, Set<String>> codesByType() {
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        codesByType.forEach((type, codes) -> copy.put(type, Collections.unmodifiableSet(new LinkedHashSet<>(codes))));
        return copy;
    }

    /** Whether a rule reads the Patient resource (its birth date, its gender), not only its id. */
    public boolean readsPatient() {
        return readsPatient;
    }

    private static boolean isCodeElement(Retrieve retrieve) {
        return retrieve.getCodeProperty() == null || "code".equals(retrieve.getCodeProperty());
    }

    /** The codes of a retrieve's filter, or null when they are not a ValueSet, a code or a list of those. */
    private static Set<String> keys(Expression codes, Library library, CqlLibraries libraries,
            ValueSetTerminology terminology) {
        if (codes instanceof ValueSetRef ref) {
            Library owner = owner(library, ref.getLibraryName(), libraries);
            String url = owner.getValueSets().getDef().stream().filter(v -> v.getName().equals(ref.getName()))
                    .findFirst().orElseThrow().getId();
            if (!terminology.knows(url)) {
                return null; // reported by the library check; nothing to narrow by
            }
            Set<String> keys = new LinkedHashSet<>();
            terminology.expand(new ValueSetInfo().withId(url))
                    .forEach(c -> keys.add(c.getSystem() + "|" + c.getCode()));
            return keys;
        }
        if (codes instanceof CodeRef ref) {
            Library owner = owner(library, ref.getLibraryName(), libraries);
            CodeDef code = owner.getCodes().getDef().stream().filter(c -> c.getName().equals(ref.getName()))
                    .findFirst().orElseThrow();
            String system = owner.getCodeSystems().getDef().stream()
                    .filter(cs -> cs.getName().equals(code.getCodeSystem().getName()))
                    .map(CodeSystemDef::getId).findFirst().orElseThrow();
            return Set.of(system + "|" + code.getId());
        }
        if (codes instanceof ToList list) {
            return keys(list.getOperand(), library, libraries, terminology);
        }
        if (codes instanceof org.hl7.elm.r1.List list) {
            Set<String> keys = new LinkedHashSet<>();
            for (Expression element : list.getElement()) {
                Set<String> some = keys(element, library, libraries, terminology);
                if (some == null) {
                    return null;
                }
                keys.addAll(some);
            }
            return keys;
        }
        return null;
    }

    /** The library a reference with this alias points to ({@code null}: the library itself). */
    private static Library owner(Library library, String alias, CqlLibraries libraries) {
        if (alias == null) {
            return library;
        }
        IncludeDef include = library.getIncludes().getDef().stream()
                .filter(i -> alias.equals(i.getLocalIdentifier())).findFirst().orElseThrow();
        return libraries.find(include.getPath()).orElseThrow().getLibrary();
    }

    /** The libraries and, transitively, the content libraries they include (not FHIRHelpers). */
    private static Set<String> withIncludes(Collection<String> names, CqlLibraries libraries) {
        Set<String> all = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(names);
        while (!todo.isEmpty()) {
            String name = todo.remove(0);
            CompiledLibrary compiled = libraries.find(name).orElse(null);
            if (compiled == null || !all.add(name)) {
                continue;
            }
            if (compiled.getLibrary().getIncludes() != null) {
                compiled.getLibrary().getIncludes().getDef().forEach(i -> todo.add(i.getPath()));
            }
        }
        return all;
    }
}
