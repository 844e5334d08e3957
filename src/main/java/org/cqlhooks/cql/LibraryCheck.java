package org.cqlhooks.cql;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cqframework.cql.cql2elm.model.CompiledLibrary;
import org.hl7.elm.r1.CodeDef;
import org.hl7.elm.r1.CodeSystemDef;
import org.hl7.elm.r1.ExpressionDef;
import org.hl7.elm.r1.FunctionDef;
import org.hl7.elm.r1.Library;
import org.hl7.elm.r1.ValueSetDef;

/**
 * What a translated library names must exist, or the rule it belongs to could never fire (silent degradation is a
 * safety defect): every ValueSet is bundled; every code system is bundled or declared
 * external ({@code cds.content.external-code-systems}), also those the ValueSets draw their codes from; a code of a
 * bundled, complete CodeSystem is one of its concepts; every {@code external} function is one this server provides.
 * Each problem names the library, its file, the line and the URL.
 */
public final class LibraryCheck {

    private final CqlLibraries libraries;
    private final ValueSetTerminology terminology;
    private final Set<String> externalCodeSystems;
    private final Set<String> externalFunctions;

    public LibraryCheck(CqlLibraries libraries, ValueSetTerminology terminology,
            Collection<String> externalCodeSystems, Collection<String> externalFunctions) {
        this.libraries = libraries;
        this.terminology = terminology;
        this.externalCodeSystems = Set.copyOf(externalCodeSystems);
        this.externalFunctions = Set.copyOf(externalFunctions);
    }

    public List<String> problems() {
        Set<String> problems = new LinkedHashSet<>();
        for (Map.Entry<String, CompiledLibrary> entry : sorted(libraries.all())) {
            String name = entry.getKey();
            Library elm = entry.getValue().getLibrary();
            if (elm.getCodeSystems() != null) {
                for (CodeSystemDef def : elm.getCodeSystems().getDef()) {
                    if (!knownSystem(def.getId())) {
                        problems.add(libraries.where(name, def) + ": codesystem \"" + def.getName() + "\" '"
                                + def.getId() + "' is neither in fhir-resources/ nor declared in "
                                + "cds.content.external-code-systems");
                    }
                }
            }
            if (elm.getCodes() != null) {
                for (CodeDef def : elm.getCodes().getDef()) {
                    String system = systemOf(elm, def);
                    if (system != null && terminology.lacksCode(system, def.getId())) {
                        problems.add(libraries.where(name, def) + ": code \"" + def.getName() + "\" '" + def.getId()
                                + "' is not a concept of CodeSystem '" + system + "' (fhir-resources/)");
                    }
                }
            }
            if (elm.getValueSets() != null) {
                for (ValueSetDef def : elm.getValueSets().getDef()) {
                    checkValueSet(name, def, problems);
                }
            }
            if (elm.getStatements() != null) {
                for (ExpressionDef def : elm.getStatements().getDef()) {
                    if (def instanceof FunctionDef function && Boolean.TRUE.equals(function.isExternal())
                            && !externalFunctions.contains(function.getName())) {
                        problems.add(libraries.where(name, def) + ": external function \"" + function.getName()
                                + "\" is not provided by this server (it provides " + externalFunctions + ")");
                    }
                }
            }
        }
        return new ArrayList<>(problems);
    }

    private void checkValueSet(String library, ValueSetDef def, Set<String> problems) {
        if (!terminology.knows(def.getId())) {
            problems.add(libraries.where(library, def) + ": valueset \"" + def.getName() + "\" '" + def.getId()
                    + "' is not in fhir-resources/ (no ValueSet has this url)");
            return;
        }
        for (String system : terminology.systemsOf(def.getId())) {
            if (!knownSystem(system)) {
                problems.add("fhir-resources: ValueSet '" + def.getId() + "' (used by library " + library
                        + ") has codes from '" + system + "', which is neither in fhir-resources/ nor declared in "
                        + "cds.content.external-code-systems");
            }
        }
    }

    private boolean knownSystem(String url) {
        return url != null && (terminology.knowsCodeSystem(url) || externalCodeSystems.contains(url));
    }

    private static String systemOf(Library elm, CodeDef code) {
        if (code.getCodeSystem() == null || code.getCodeSystem().getLibraryName() != null
                || elm.getCodeSystems() == null) {
            return null;
        }
        return elm.getCodeSystems().getDef().stream()
                .filter(cs -> cs.getName().equals(code.getCodeSystem().getName()))
                .map(CodeSystemDef::getId)
                .findFirst().orElse(null);
    }

    private static List<Map.Entry<String, CompiledLibrary>> sorted(Map<String, CompiledLibrary> all) {
        return all.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList();
    }
}
