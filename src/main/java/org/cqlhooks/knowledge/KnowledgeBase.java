package org.cqlhooks.knowledge;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Library;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.ValueSet;
import org.opencds.cqf.fhir.utility.repository.InMemoryFhirRepository;

/**
 * What the content packages hold, loaded: the knowledge resources in one repository (what {@code $apply} reads),
 * the PlanDefinitions and terminology with their origins, and every CQL source by library.
 *
 * @param codeSystems CodeSystem url to the resource
 * @param libraries Library url (and url|version) to the resource
 * @param definitions the canonical urls (and url|version) of the ActivityDefinitions and PlanDefinitions
 */
record KnowledgeBase(InMemoryFhirRepository repository, List<Artifact<PlanDefinition>> planDefinitions,
        List<Artifact<ValueSet>> valueSets, Map<String, CodeSystem> codeSystems, Map<String, Library> libraries,
        Set<String> definitions, List<CqlSource> cql) {
}
