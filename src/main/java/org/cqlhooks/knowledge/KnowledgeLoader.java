package org.cqlhooks.knowledge;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.cqlhooks.knowledge.PackageReader.RawPackage;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Library;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ValueSet;
import org.opencds.cqf.fhir.utility.repository.InMemoryFhirRepository;

/**
 * Parses the packages' JSON with HAPI and keeps the knowledge artifacts (Library, PlanDefinition,
 * ActivityDefinition, ValueSet, CodeSystem) in one repository, so libraries and definitions resolve across
 * packages. Every problem (unreadable JSON, a resource without id, an id or canonical given twice, a logic
 * Library without CQL) is collected, not thrown.
 */
final class KnowledgeLoader {

    private static final Set<String> TYPES =
            Set.of("Library", "PlanDefinition", "ActivityDefinition", "ValueSet", "CodeSystem");

    private final FhirContext fhir;
    private final IParser parser;
    private final Problems problems;
    private final InMemoryFhirRepository repository;
    private final Map<String, String> originById = new HashMap<>();
    private final Map<String, String> originByCanonical = new HashMap<>();
    private final Map<String, CqlSource> cql = new LinkedHashMap<>();
    private final List<Artifact<PlanDefinition>> planDefinitions = new ArrayList<>();
    private final List<Artifact<ValueSet>> valueSets = new ArrayList<>();
    private final Map<String, CodeSystem> codeSystems = new LinkedHashMap<>();
    private final Map<String, Library> libraries = new LinkedHashMap<>();
    private final Set<String> definitions = new HashSet<>();

    private KnowledgeLoader(FhirContext fhir, Problems problems) {
        this.fhir = fhir;
        this.parser = fhir.newJsonParser();
        this.problems = problems;
        this.repository = new InMemoryFhirRepository(fhir);
    }

    static KnowledgeBase load(List<RawPackage> packages, FhirContext fhir, Problems problems) {
        KnowledgeLoader loader = new KnowledgeLoader(fhir, problems);
        packages.forEach(loader::add);
        return new KnowledgeBase(loader.repository, List.copyOf(loader.planDefinitions),
                List.copyOf(loader.valueSets), Map.copyOf(loader.codeSystems), Map.copyOf(loader.libraries),
                Set.copyOf(loader.definitions), List.copyOf(loader.cql.values()));
    }

    private void add(RawPackage pkg) {
        Map<String, PackageFile> cqlFiles = new HashMap<>();
        for (PackageFile file : pkg.files()) {
            if (file.path().endsWith(".cql")) {
                PackageFile other = cqlFiles.put(file.fileName(), file);
                if (other != null) {
                    problems.add(file.origin(), "a second " + file.fileName() + " (also " + other.path() + ")");
                }
                CqlSource.of(file.text(), file.origin()).ifPresentOrElse(this::addCql,
                        () -> problems.add(file.origin(), "no 'library <Name> version ...' header"));
            }
        }
        for (PackageFile file : pkg.files()) {
            if (file.path().endsWith(".json")) {
                parse(file).ifPresent(resource -> {
                    if (resource instanceof Bundle bundle) {
                        for (int i = 0; i < bundle.getEntry().size(); i++) {
                            Resource entry = bundle.getEntry().get(i).getResource();
                            if (entry != null) {
                                addResource(entry, file.origin() + " entry[" + i + "]", cqlFiles);
                            }
                        }
                    } else {
                        addResource((Resource) resource, file.origin(), cqlFiles);
                    }
                });
            }
        }
    }

    private Optional<IBaseResource> parse(PackageFile file) {
        try {
            return Optional.of(parser.parseResource(file.text()));
        } catch (DataFormatException | IllegalArgumentException e) {
            problems.add(file.origin(), "not a FHIR R4 JSON resource: " + e.getMessage());
            return Optional.empty();
        }
    }

    private void addResource(Resource resource, String origin, Map<String, PackageFile> cqlFiles) {
        String type = resource.fhirType();
        if (!TYPES.contains(type)) {
            return;
        }
        String id = resource.getIdElement().getIdPart();
        if (id == null || id.isBlank()) {
            problems.add(origin, type + " has no id");
            return;
        }
        String other = originById.putIfAbsent(type + "/" + id, origin);
        if (other != null) {
            problems.add(origin, type + "/" + id + " is defined twice (also " + other + ")");
            return;
        }
        if (resource instanceof MetadataResource meta && meta.hasUrl()) {
            String canonical = type + " " + meta.getUrl() + (meta.hasVersion() ? "|" + meta.getVersion() : "");
            other = originByCanonical.putIfAbsent(canonical, origin);
            if (other != null) {
                problems.add(origin, canonical + " is defined twice (also " + other + ")");
                return;
            }
        }
        resource.setId(new IdType(type, id));
        if ((type.equals("ActivityDefinition") || type.equals("PlanDefinition")) && resource instanceof MetadataResource m
                && m.hasUrl()) {
            definitions.add(m.getUrl());
            definitions.add(m.getUrl() + "|" + m.getVersion());
        }
        if (resource instanceof Library library) {
            addLibrary(library, origin, cqlFiles);
        } else if (resource instanceof PlanDefinition plan) {
            planDefinitions.add(new Artifact<>(plan, origin));
        } else if (resource instanceof ValueSet valueSet) {
            valueSets.add(new Artifact<>(valueSet, origin));
        } else if (resource instanceof CodeSystem codeSystem && codeSystem.hasUrl()) {
            codeSystems.put(codeSystem.getUrl(), codeSystem);
        }
        repository.update(resource, Map.of());
    }

    private void addLibrary(Library library, String origin, Map<String, PackageFile> cqlFiles) {
        if (!LibraryContent.isLogic(library)) {
            return;
        }
        Optional<String> text = LibraryContent.cqlOf(library, cqlFiles);
        if (text.isEmpty()) {
            problems.add(origin, "Library " + library.getIdElement().getIdPart() + " has no CQL: no text/cql content"
                    + (cqlFiles.isEmpty() ? "" : " and no input/cql/" + library.getName() + ".cql"));
            return;
        }
        Optional<CqlSource> source = CqlSource.of(text.get(), origin);
        if (source.isEmpty()) {
            problems.add(origin, "the CQL of Library " + library.getName() + " has no 'library <Name>' header");
            return;
        }
        String name = library.hasName() ? library.getName() : library.getIdElement().getIdPart();
        if (!source.get().name().equals(name)) {
            problems.add(origin, "Library " + name + " holds the CQL of library " + source.get().name());
        } else if (library.hasVersion() && !library.getVersion().equals(source.get().version())) {
            problems.add(origin, "Library " + name + " has version " + library.getVersion() + " but its CQL says "
                    + source.get().version());
        }
        LibraryContent.setCql(library, text.get());
        if (library.hasUrl()) {
            libraries.put(library.getUrl(), library);
            if (library.hasVersion()) {
                libraries.put(library.getUrl() + "|" + library.getVersion(), library);
            }
        }
        addCql(source.get());
    }

    /** One source per name and version; the same text from a Library and its input/cql file counts once. */
    private void addCql(CqlSource source) {
        String key = source.name() + "|" + source.version();
        CqlSource other = cql.putIfAbsent(key, source);
        if (other != null && !Objects.equals(other.text(), source.text())) {
            problems.add(source.origin(), "CQL library " + source.name() + " version " + source.version()
                    + " is defined twice, differently (also " + other.origin() + ")");
        }
    }
}
