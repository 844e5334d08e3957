package org.cqlhooks.knowledge;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.cqlhooks.cql.CodeDisplays;
import org.cqlhooks.cql.ValueSetTerminology;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.Resource;
import org.opencds.cqf.fhir.cr.CrSettings;
import org.opencds.cqf.fhir.cr.plandefinition.PlanDefinitionProcessor;
import org.opencds.cqf.fhir.utility.monad.Eithers;
import org.opencds.cqf.fhir.utility.repository.InMemoryFhirRepository;

/**
 * PlanDefinition {@code $apply} by the clinical-reasoning reference library, over the call's data: the packages'
 * repository (knowledge and terminology) is shared and read-only, the call's resources go in as the data bundle,
 * one processor serves every call (the repository overloads of {@code $apply} would wrap its repository anew on
 * each call), and the settings, shared too, hold the libraries compiled at start-up.
 */
final class PlanDefinitionRunner {

    private final InMemoryFhirRepository repository;
    private final CrSettings settings;
    private final PlanDefinitionProcessor processor;
    private final Map<String, Object> siteParameters;
    private final ValueSetTerminology displays;

    /** @param displays the bundled terminology, which names coded data sent without a display (as for own services) */
    PlanDefinitionRunner(InMemoryFhirRepository repository, CrSettings settings, Map<String, Object> siteParameters,
            ValueSetTerminology displays) {
        this.repository = repository;
        this.settings = settings;
        this.processor = new PlanDefinitionProcessor(repository, settings);
        this.siteParameters = Map.copyOf(siteParameters);
        this.displays = displays;
    }

    CarePlan apply(PlanDefinition pd, String patientId, List<IBaseResource> resources, ZonedDateTime at) {
        CodeDisplays.fill(resources, displays);
        Bundle data = new Bundle().setType(Bundle.BundleType.COLLECTION);
        for (IBaseResource r : resources) {
            // The engine reads the data by Type/id: an id without its type (set in code, not parsed) would be missed.
            if (r.getIdElement().hasIdPart() && !r.getIdElement().hasResourceType()) {
                r.setId(new IdType(r.fhirType(), r.getIdElement().getIdPart()));
            }
            data.addEntry().setResource((Resource) r);
        }
        var engine = new CallLibraryEngine(repository, settings.getEvaluationSettings(), at, siteParameters);
        return (CarePlan) processor.apply(Eithers.<CanonicalType, IIdType, PlanDefinition>forRight3(pd),
                "Patient/" + patientId, null, null, null, null, null, null, null, null, null, data, null, engine);
    }
}
