package org.cqlhooks.cql;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cqlhooks.content.ContentException;
import org.cqlhooks.content.ContentFiles.ContentFile;
import org.cqlhooks.content.ContentFiles;
import org.cqlhooks.content.ContentProperties;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ValueSet;
import org.opencds.cqf.cql.engine.runtime.Code;
import org.opencds.cqf.cql.engine.terminology.CodeSystemInfo;
import org.opencds.cqf.cql.engine.terminology.TerminologyProvider;
import org.opencds.cqf.cql.engine.terminology.ValueSetInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * The terminology the CQL engine sees: the ValueSets and CodeSystems in fhir-resources/, expanded once at start-up
 * into hash sets. A ValueSet is read from its expansion when it has one, else from its compose (enumerated
 * concepts, or every concept of a CodeSystem that is also bundled). Files it cannot read are collected as
 * {@link #problems()} so the start fails once with all of them. Read-only after construction: thread-safe.
 */
public class ValueSetTerminology implements TerminologyProvider {

    private static final Logger log = LoggerFactory.getLogger(ValueSetTerminology.class);

    /** A code as CQL compares it for membership: system and code. */
    record CodeKey(String system, String code) {
    }

    private final List<ContentFile> files;
    private final Map<String, Set<CodeKey>> valueSets = new HashMap<>();
    private final Map<String, List<Code>> expansions = new HashMap<>();
    private final Map<String, Map<String, String>> codeSystems = new HashMap<>();
    /** CodeSystems whose every concept is bundled (content "complete"): a code not among them is a typo. */
    private final Set<String> completeCodeSystems = new LinkedHashSet<>();
    private final List<String> problems = new ArrayList<>();
    /** The name of every code the bundled ValueSets and CodeSystems name, for codes a record sends without one. */
    private final Map<CodeKey, String> displays = new HashMap<>();

    public ValueSetTerminology(ContentProperties content, ResourcePatternResolver resolver, FhirContext fhir) {
        this(ContentFiles.read(resolver, content.fhirResources(), "**/*.json"), fhir);
    }

    /**
     * The terminology of the content's fhir-resources/ folder: {@code previous} itself when its files are the same,
     * word for word (a reload after a change elsewhere keeps it instead of reading every file through HAPI again).
     */
    public static ValueSetTerminology reusing(ContentProperties content, ResourcePatternResolver resolver,
            FhirContext fhir, ValueSetTerminology previous) {
        List<ContentFile> files = ContentFiles.read(resolver, content.fhirResources(), "**/*.json");
        if (previous != null && previous.files.equals(files)) {
            log.info("fhir-resources/ unchanged: its {} ValueSets and {} CodeSystems are kept",
                    previous.valueSets.size(), previous.codeSystems.size());
            return previous;
        }
        return new ValueSetTerminology(files, fhir);
    }

    private ValueSetTerminology(List<ContentFile> files, FhirContext fhir) {
        this.files = List.copyOf(files);
        List<ValueSet> sets = new ArrayList<>();
        for (ContentFile file : files) {
            IBaseResource resource = parse(fhir, file);
            if (resource instanceof ValueSet vs) {
                sets.add(vs);
            } else if (resource instanceof CodeSystem cs) {
                Map<String, String> concepts = new LinkedHashMap<>();
                collect(cs.getConcept(), concepts);
                codeSystems.put(cs.getUrl(), concepts);
                if (cs.getContent() == CodeSystem.CodeSystemContentMode.COMPLETE) {
                    completeCodeSystems.add(cs.getUrl());
                }
            }
        }
        for (ValueSet vs : sets) {
            String url = vs.getUrl();
            if (url == null || url.isBlank()) {
                problems.add("fhir-resources: ValueSet " + vs.getIdPart() + " has no url");
                continue;
            }
            List<Code> codes = expand(vs);
            expansions.put(url, codes);
            Set<CodeKey> keys = new LinkedHashSet<>();
            codes.forEach(c -> keys.add(new CodeKey(c.getSystem(), c.getCode())));
            valueSets.put(url, keys);
            codes.forEach(c -> remember(c.getSystem(), c.getCode(), c.getDisplay(), false));
        }
        codeSystems.forEach((system, concepts) -> concepts.forEach((code, display) -> remember(system, code, display, true)));
        log.info("Loaded {} ValueSets and {} CodeSystems", valueSets.size(), codeSystems.size());
    }

    /** Files that could not be read and ValueSets that could not be expanded, each naming the file or url. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** The display the bundled terminology gives a code (a CodeSystem's own display wins over a ValueSet's). */
    public Optional<String> display(String system, String code) {
        return Optional.ofNullable(displays.get(new CodeKey(system, code)));
    }

    private void remember(String system, String code, String display, boolean own) {
        if (system == null || code == null || display == null || display.isBlank()) {
            return;
        }
        if (own) {
            displays.put(new CodeKey(system, code), display);
        } else {
            displays.putIfAbsent(new CodeKey(system, code), display);
        }
    }

    public boolean knows(String valueSetUrl) {
        return valueSets.containsKey(valueSetUrl);
    }

    /** The urls of every ValueSet loaded (content packages hand them to the reference engine's terminology). */
    public Set<String> valueSetUrls() {
        return Set.copyOf(valueSets.keySet());
    }

    /** Whether a CodeSystem of this url is bundled. */
    public boolean knowsCodeSystem(String url) {
        return codeSystems.containsKey(url);
    }

    /** Whether a bundled CodeSystem with every concept bundled lacks this code (a code that cannot match). */
    public boolean lacksCode(String codeSystemUrl, String code) {
        return completeCodeSystems.contains(codeSystemUrl) && !codeSystems.get(codeSystemUrl).containsKey(code);
    }

    /** The code systems a bundled ValueSet's codes come from. */
    public Set<String> systemsOf(String valueSetUrl) {
        Set<String> systems = new LinkedHashSet<>();
        keys(valueSetUrl).forEach(key -> systems.add(key.system()));
        return systems;
    }

    /** The codes of a ValueSet as system|code keys, for indexed lookups. */
    Set<CodeKey> keys(String valueSetUrl) {
        Set<CodeKey> keys = valueSets.get(valueSetUrl);
        if (keys == null) {
            throw new IllegalArgumentException("Unknown ValueSet " + valueSetUrl);
        }
        return keys;
    }

    @Override
    public boolean in(Code code, ValueSetInfo valueSet) {
        return keys(valueSet.getId()).contains(new CodeKey(code.getSystem(), code.getCode()));
    }

    @Override
    public Iterable<Code> expand(ValueSetInfo valueSet) {
        keys(valueSet.getId());
        return Collections.unmodifiableList(expansions.get(valueSet.getId()));
    }

    @Override
    public Code lookup(Code code, CodeSystemInfo codeSystem) {
        Map<String, String> concepts = codeSystems.get(codeSystem.getId());
        if (concepts == null || !concepts.containsKey(code.getCode())) {
            return null;
        }
        return new Code().withSystem(codeSystem.getId()).withCode(code.getCode())
                .withDisplay(concepts.get(code.getCode()));
    }

    private List<Code> expand(ValueSet vs) {
        List<Code> codes = new ArrayList<>();
        if (vs.hasExpansion() && vs.getExpansion().hasContains()) {
            collectExpansion(vs.getExpansion().getContains(), codes);
            return codes;
        }
        Set<CodeKey> excluded = new LinkedHashSet<>();
        for (ValueSet.ConceptSetComponent exclude : vs.getCompose().getExclude()) {
            include(vs, exclude, code -> excluded.add(new CodeKey(code.getSystem(), code.getCode())));
        }
        for (ValueSet.ConceptSetComponent include : vs.getCompose().getInclude()) {
            include(vs, include, code -> {
                if (!excluded.contains(new CodeKey(code.getSystem(), code.getCode()))) {
                    codes.add(code);
                }
            });
        }
        return codes;
    }

    private void include(ValueSet vs, ValueSet.ConceptSetComponent part, java.util.function.Consumer<Code> sink) {
        if (part.hasFilter() || part.hasValueSet()) {
            problems.add("fhir-resources: ValueSet " + vs.getUrl()
                    + ": compose filters and nested valueSets are not supported; bundle an expansion instead");
            return;
        }
        String system = part.getSystem();
        if (part.hasConcept()) {
            for (ValueSet.ConceptReferenceComponent concept : part.getConcept()) {
                sink.accept(new Code().withSystem(system).withCode(concept.getCode()).withDisplay(concept.getDisplay()));
            }
            return;
        }
        Map<String, String> whole = codeSystems.get(system);
        if (whole == null) {
            problems.add("fhir-resources: ValueSet " + vs.getUrl() + " includes all of CodeSystem " + system
                    + ", which is not in fhir-resources/");
            return;
        }
        whole.forEach((code, display) -> sink.accept(new Code().withSystem(system).withCode(code).withDisplay(display)));
    }

    private static void collectExpansion(List<ValueSet.ValueSetExpansionContainsComponent> contains, List<Code> codes) {
        for (ValueSet.ValueSetExpansionContainsComponent c : contains) {
            if (c.hasCode()) {
                codes.add(new Code().withSystem(c.getSystem()).withCode(c.getCode()).withVersion(c.getVersion())
                        .withDisplay(c.getDisplay()));
            }
            collectExpansion(c.getContains(), codes);
        }
    }

    private static void collect(List<CodeSystem.ConceptDefinitionComponent> concepts, Map<String, String> into) {
        for (CodeSystem.ConceptDefinitionComponent c : concepts) {
            into.put(c.getCode(), c.getDisplay());
            collect(c.getConcept(), into);
        }
    }

    private IBaseResource parse(FhirContext fhir, ContentFile file) {
        try {
            return fhir.newJsonParser().parseResource(file.text());
        } catch (DataFormatException e) {
            problems.add("fhir-resources/" + file.name() + " is not a FHIR JSON resource: " + e.getMessage());
            return null;
        }
    }
}
