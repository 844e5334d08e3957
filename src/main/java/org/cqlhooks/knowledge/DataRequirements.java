package org.cqlhooks.knowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cqframework.cql.cql2elm.LibraryManager;
import org.cqframework.cql.cql2elm.model.CompiledLibrary;
import org.cqframework.cql.elm.requirements.fhir.DataRequirementsProcessor;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.DataRequirement;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Library;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.Resource;
import org.opencds.cqf.fhir.utility.Constants;

/**
 * The data a PlanDefinition reads, in order of authority: the PlanDefinition's own effective data requirements
 * (CRMI or CQFM extension), the data requirements its Library declares, or those computed from the compiled CQL
 * (the retrieves of the definitions its actions use, followed into included libraries).
 */
final class DataRequirements {

    /** One code filter of a requirement: a ValueSet url, or codes given directly. */
    record CodeFilter(String path, String valueSet, List<String[]> codes) {
    }

    /** One data requirement: a resource type and its code filters. */
    record Requirement(String type, List<CodeFilter> codeFilters) {
    }

    private DataRequirements() {
    }

    static List<Requirement> of(PlanDefinition pd, Map<String, Library> libraries, LibraryManager manager,
            CompiledLibrary compiled, Set<String> expressions) {
        for (Extension ext : pd.getExtension()) {
            if ((Constants.CRMI_EFFECTIVE_DATA_REQUIREMENTS.equals(ext.getUrl())
                    || Constants.CQFM_EFFECTIVE_DATA_REQUIREMENTS.equals(ext.getUrl()))
                    && ext.getValue() instanceof CanonicalType canonical) {
                Library declared = effective(pd, canonical.getValue(), libraries);
                if (declared != null) {
                    return fromR4(declared.getDataRequirement());
                }
            }
        }
        Library library = pd.hasLibrary() ? libraries.get(pd.getLibrary().get(0).getValue()) : null;
        if (library != null && library.hasDataRequirement()) {
            return fromR4(library.getDataRequirement());
        }
        if (compiled == null) {
            return List.of();
        }
        var computed = new DataRequirementsProcessor().gatherDataRequirements(manager, compiled,
                manager.getCqlCompilerOptions(), expressions.isEmpty() ? null : expressions, false, true);
        List<Requirement> requirements = new ArrayList<>();
        for (var dr : computed.getDataRequirement()) {
            List<CodeFilter> filters = new ArrayList<>();
            for (var cf : dr.getCodeFilter()) {
                filters.add(new CodeFilter(cf.getPath(), cf.getValueSet(),
                        cf.getCode().stream().map(c -> new String[] {c.getSystem(), c.getCode()}).toList()));
            }
            requirements.add(new Requirement(dr.getType().toCode(), filters));
        }
        return requirements;
    }

    private static Library effective(PlanDefinition pd, String reference, Map<String, Library> libraries) {
        if (reference != null && reference.startsWith("#")) {
            for (Resource contained : pd.getContained()) {
                if (contained instanceof Library library
                        && reference.substring(1).equals(library.getIdElement().getIdPart().replace("#", ""))) {
                    return library;
                }
            }
            return null;
        }
        return libraries.get(reference);
    }

    private static List<Requirement> fromR4(List<DataRequirement> declared) {
        List<Requirement> requirements = new ArrayList<>();
        for (DataRequirement dr : declared) {
            List<CodeFilter> filters = new ArrayList<>();
            for (var cf : dr.getCodeFilter()) {
                filters.add(new CodeFilter(cf.getPath(), cf.getValueSet(),
                        cf.getCode().stream().map(c -> new String[] {c.getSystem(), c.getCode()}).toList()));
            }
            requirements.add(new Requirement(dr.getType(), filters));
        }
        return requirements;
    }
}
