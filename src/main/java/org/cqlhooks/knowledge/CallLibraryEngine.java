package org.cqlhooks.knowledge;

import ca.uhn.fhir.repository.IRepository;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.elm.r1.VersionedIdentifier;
import org.hl7.fhir.instance.model.api.IBaseBundle;
import org.hl7.fhir.instance.model.api.IBaseParameters;
import org.opencds.cqf.cql.engine.execution.CqlEngine;
import org.opencds.cqf.cql.engine.execution.EvaluationResults;
import org.cqlhooks.cql.RecordTextFunction;
import org.opencds.cqf.fhir.cql.Engines;
import org.opencds.cqf.fhir.cql.EvaluationSettings;
import org.opencds.cqf.fhir.cql.LibraryEngine;
import org.opencds.cqf.fhir.cql.engine.parameters.CqlFhirParametersConverter;

/**
 * The reference engine's library engine for one call: {@code $apply} evaluates its expressions without an
 * evaluation time (the engine would use the machine's clock) and without site parameters; this one evaluates them
 * at the call's time, with the site's CQL parameter values (those of bundled libraries a package includes).
 */
final class CallLibraryEngine extends LibraryEngine {

    private final ZonedDateTime at;
    private final Map<String, Object> siteParameters;

    CallLibraryEngine(IRepository repository, EvaluationSettings settings, ZonedDateTime at,
            Map<String, Object> siteParameters) {
        super(repository, settings);
        this.at = at;
        this.siteParameters = siteParameters;
    }

    @Override
    public EvaluationResults getEvaluationResult(List<VersionedIdentifier> ids, String patientId,
            IBaseParameters parameters, Map<String, Object> rawParameters, IBaseBundle additionalData,
            Set<String> expressions, CqlFhirParametersConverter converter, ZonedDateTime zonedDateTime,
            CqlEngine engine) {
        Map<String, Object> raw = new HashMap<>(siteParameters);
        if (rawParameters != null) {
            raw.putAll(rawParameters);
        }
        CqlEngine engineToUse = engine != null ? engine : Engines.forRepository(repository, settings, additionalData);
        // The bundled Common libraries mark record text through an external function the reference engine lacks.
        RecordTextFunction.registerOn(engineToUse.getEnvironment());
        return super.getEvaluationResult(ids, patientId, parameters, raw, additionalData, expressions, converter,
                zonedDateTime == null ? at : zonedDateTime, engineToUse);
    }
}
