package org.cqlhooks.demo;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.util.ResourceReferenceInfo;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cqlhooks.content.ContentException;
import org.cqlhooks.content.ContentFiles.ContentFile;
import org.cqlhooks.content.ContentFiles;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * Reads the sample patients (one collection Bundle per file, one Patient in each) for the embedded FHIR server.
 * Each Bundle's {@code timestamp} is the day its data was written for; every date is moved by (today - that day),
 * so the data is as recent today as when it was written. Resource ids are made unique across files: every resource
 * but the Patient gets the patient's id in front ({@code ntx-uds-example-uds-1}), and references inside the Bundle
 * follow. A file that cannot be read stops the start, like any other broken content.
 */
final class SampleData {

    /** One sample patient: its file (named for the card it shows), id, name, and the day it was written for. */
    record SamplePatient(String file, String id, String name, LocalDate asOf) {
    }

    record Loaded(List<SamplePatient> patients, List<Resource> resources) {
    }

    private final FhirContext fhir;
    private final Redating redating;

    SampleData(FhirContext fhir) {
        this.fhir = fhir;
        this.redating = new Redating(fhir);
    }

    Loaded load(ResourcePatternResolver resolver, String location, LocalDate today) {
        List<SamplePatient> patients = new ArrayList<>();
        List<Resource> resources = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (ContentFile file : ContentFiles.read(resolver, location, "**/*.json")) {
            List<Resource> entries = new ArrayList<>();
            SamplePatient patient = read(file, today, entries);
            for (Resource r : entries) {
                if (!ids.add(r.fhirType() + "/" + r.getIdPart())) {
                    throw broken(file, "resource " + r.fhirType() + "/" + r.getIdPart() + " is also in another file");
                }
            }
            patients.add(patient);
            resources.addAll(entries);
        }
        return new Loaded(List.copyOf(patients), List.copyOf(resources));
    }

    private SamplePatient read(ContentFile file, LocalDate today, List<Resource> out) {
        Bundle bundle;
        try {
            bundle = fhir.newJsonParser().parseResource(Bundle.class, file.text());
        } catch (DataFormatException e) {
            throw broken(file, "not a FHIR Bundle: " + e.getMessage());
        }
        if (bundle.getTimestamp() == null) {
            throw broken(file, "Bundle.timestamp (the day the data was written for) is missing");
        }
        List<Patient> found = bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(Patient.class::isInstance).map(Patient.class::cast).toList();
        if (found.size() != 1 || !found.get(0).hasIdElement()) {
            throw broken(file, "a sample patient Bundle holds exactly one Patient, with an id");
        }
        Patient patient = found.get(0);
        String patientId = patient.getIdPart();
        Map<String, String> newIds = new HashMap<>();
        int index = 0;
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            Resource resource = entry.getResource();
            if (resource == null) {
                throw broken(file, "entry " + index + " has no resource");
            }
            String type = resource.fhirType();
            String written = resource.hasIdElement() ? resource.getIdPart() : type.toLowerCase() + "-" + index;
            String id = resource == patient || written.startsWith(patientId + "-") ? written : patientId + "-" + written;
            if (id.length() > 64) {
                throw broken(file, type + " id " + id + " is longer than FHIR's 64 characters");
            }
            newIds.put(type + "/" + written, type + "/" + id);
            if (entry.hasFullUrl()) {
                newIds.put(entry.getFullUrl(), type + "/" + id);
            }
            resource.setId(type + "/" + id);
            out.add(resource);
            index++;
        }
        LocalDate asOf = bundle.getTimestamp().toInstant().atZone(ZoneOffset.UTC).toLocalDate();
        long shift = ChronoUnit.DAYS.between(asOf, today);
        for (Resource resource : out) {
            relink(resource, newIds);
            redating.shift(resource, shift);
        }
        String name = patient.getNameFirstRep().getNameAsSingleString();
        return new SamplePatient(file.name().replaceFirst("\\.json$", ""), patientId,
                name == null || name.isBlank() ? patientId : name, asOf);
    }

    /**
     * References to entries of the same Bundle (by Type/id or by fullUrl) follow the entries' new ids. The parser
     * links references to the Bundle's entries; the links are dropped, so that the server adds a referenced resource
     * to a searchset only when {@code _include} asks for it.
     */
    private void relink(IBaseResource resource, Map<String, String> newIds) {
        for (ResourceReferenceInfo info : fhir.newTerser().getAllResourceReferences(resource)) {
            info.getResourceReference().setResource(null);
            var reference = info.getResourceReference().getReferenceElement();
            if (reference == null || reference.getValue() == null) {
                continue;
            }
            String value = reference.getValue();
            String key = reference.hasResourceType() ? reference.getResourceType() + "/" + reference.getIdPart() : value;
            String target = newIds.get(value.startsWith("urn:") ? value : key);
            if (target != null) {
                info.getResourceReference().setReference(target);
            }
        }
    }

    private static ContentException broken(ContentFile file, String what) {
        return new ContentException("Sample patient " + file.name() + " (cds.demo.patients): " + what);
    }
}
