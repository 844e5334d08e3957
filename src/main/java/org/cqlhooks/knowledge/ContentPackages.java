package org.cqlhooks.knowledge;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.cqlhooks.wire.Card;
import org.cqlhooks.content.ContentFiles;
import org.cqlhooks.content.ContentFiles.ContentFile;
import org.cqlhooks.cql.CqlFoundation;
import org.cqlhooks.cql.ValueSetTerminology;
import org.cqlhooks.knowledge.PackageReader.RawPackage;
import org.cqlhooks.wire.Coding;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.opencds.cqf.fhir.cr.CrSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * The content packages, loaded, checked and compiled at start-up, and the services made of their PlanDefinitions.
 * Any problem stops the start, and the message lists every problem found. Read-only after construction.
 */
public final class ContentPackages {

    private static final Logger log = LoggerFactory.getLogger(ContentPackages.class);
    /** The warm-up runs each service once over an empty record: the first real call then finds everything loaded. */
    static final String WARM_UP_PATIENT = "cql-hooks-warm-up";

    private static final ContentPackages NONE = new ContentPackages(Map.of());

    private final Map<String, PackageService> services;

    private ContentPackages(Map<String, PackageService> services) {
        this.services = Collections.unmodifiableMap(services);
    }

    /** No packages: what a server without {@code cds.content.packages} (or a test of the own content) has. */
    public static ContentPackages none() {
        return NONE;
    }

    /**
     * What a load needs from the rest of the server.
     *
     * @param overrideReasons the site's default override reasons ({@code cds.cards.override-reasons}): every
     *     PlanDefinition card offers them, as an own card without reasons of its own does
     */
    public record Inputs(List<String> locations, String bundledCql, ValueSetTerminology bundledTerminology,
            Map<String, Object> siteParameters, FhirContext fhir, ResourcePatternResolver resolver,
            List<Coding> overrideReasons) {

        public Inputs {
            overrideReasons = List.copyOf(overrideReasons);
        }
    }

    public static ContentPackages load(Inputs in) {
        if (in.locations().isEmpty()) {
            return NONE; // the reference library is not even started
        }
        long start = System.nanoTime();
        Problems problems = new Problems();
        List<RawPackage> packages = new ArrayList<>();
        for (String location : in.locations()) {
            try {
                packages.add(PackageReader.read(in.resolver(), location));
            } catch (IOException | RuntimeException e) {
                problems.add(location, "cannot be read as a content package: " + e.getMessage());
            }
        }
        KnowledgeBase base = KnowledgeLoader.load(packages, in.fhir(), problems);
        long read = System.nanoTime();
        CrSettings settings = CrSettings.getDefault();
        var evaluation = settings.getEvaluationSettings();
        CqlFoundation.shareWith(evaluation.getModelCache(), evaluation.getLibraryCache());
        PackageTerminology.expandInto(evaluation.getValueSetCache(), base, in.bundledTerminology(), problems);
        List<CqlSource> cql = new ArrayList<>(base.cql());
        cql.addAll(bundled(in, base, problems));
        CqlSourceProvider sources = new CqlSourceProvider(cql);
        evaluation.getLibrarySourceProviders().add(sources);
        Map<String, String> originByLibrary = new TreeMap<>();
        cql.forEach(s -> originByLibrary.putIfAbsent(s.name(), s.origin()));
        PackageCompiler compiler = new PackageCompiler(evaluation, base.repository(), originByLibrary);
        ServiceBuilder builder = new ServiceBuilder(base, compiler, sources, evaluation.getValueSetCache(), in.fhir(),
                problems);
        List<PackageService.Description> described = new ArrayList<>();
        base.planDefinitions().forEach(pd -> builder.build(pd).ifPresent(described::add));
        compiler.compileTheRest(base.cql(), problems);
        problems.throwIfAny();
        long compiled = System.nanoTime();
        RepositoryWarmUp.prepare(base.repository());
        PlanDefinitionRunner runner = new PlanDefinitionRunner(base.repository(), settings, in.siteParameters(),
                in.bundledTerminology());
        ActionCards cards = new ActionCards(in.fhir(), in.overrideReasons());
        Map<String, PackageService> services = new TreeMap<>();
        described.forEach(d -> services.put(d.planDefinition().getIdPart(), new PackageService(d, runner, cards)));
        ContentPackages loaded = new ContentPackages(services);
        loaded.warmUp(problems);
        problems.throwIfAny();
        long end = System.nanoTime();
        log.info("Loaded {} content package(s) in {} ms (read {} ms, translate and check {} ms, warm-up {} ms); "
                + "serving {} PlanDefinition service(s): {}", packages.size(), (end - start) / 1_000_000,
                (read - start) / 1_000_000, (compiled - read) / 1_000_000, (end - compiled) / 1_000_000,
                services.size(), services.keySet());
        return loaded;
    }

    public Optional<PackageService> find(String id) {
        return Optional.ofNullable(services.get(id));
    }

    /** The services, sorted by id. */
    public Collection<PackageService> all() {
        return services.values();
    }

    /** The cards the service's PlanDefinition gives for the patient's resources at the time. */
    public List<Card> evaluate(PackageService service, String patientId, List<IBaseResource> resources,
            ZonedDateTime at) {
        return service.evaluate(patientId, resources, at);
    }

    /**
     * Applies every service once to an empty record, at start-up: it loads what the first call would (model,
     * terminology, compiled libraries), and an expression that fails even there is a content problem.
     */
    private void warmUp(Problems problems) {
        for (PackageService service : services.values()) {
            service.warmUp().forEach(issue -> problems.add(service.origin(),
                    "PlanDefinition/" + service.id() + " fails on an empty record: " + issue));
        }
    }

    /** The bundled CQL, which package libraries may include; a package library may not reuse a bundled name. */
    private static List<CqlSource> bundled(Inputs in, KnowledgeBase base, Problems problems) {
        List<CqlSource> bundled = new ArrayList<>();
        for (ContentFile file : ContentFiles.read(in.resolver(), in.bundledCql(), "*.cql")) {
            CqlSource.of(file.text(), "cql/" + file.name()).ifPresent(bundled::add);
        }
        for (CqlSource source : base.cql()) {
            bundled.stream().filter(b -> b.name().equals(source.name())).findFirst().ifPresent(b -> problems.add(
                    source.origin(), "CQL library " + source.name() + " is also a bundled library (" + b.origin()
                            + "); give the package's library another name"));
        }
        return bundled;
    }
}
