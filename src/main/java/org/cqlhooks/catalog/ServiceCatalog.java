package org.cqlhooks.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.cqlhooks.cards.CompiledCard;
import org.cqlhooks.content.ContentFiles.ContentFile;
import org.cqlhooks.content.ContentFiles;
import org.cqlhooks.content.ContentProperties;
import org.cqlhooks.content.ContentScope;
import org.cqlhooks.content.ServiceDefinition;
import org.cqlhooks.cql.CqlLibraries;
import org.cqlhooks.cql.DataRequirements;
import org.cqlhooks.cql.ValueSetTerminology;
import org.cqlhooks.knowledge.ContentPackages;
import org.cqlhooks.knowledge.PackageService;
import org.cqlhooks.prefetch.ReadSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * The services this server offers: every hooks/*.json file with the card files of the libraries it runs
 * (hooks/cards/&lt;Library&gt;.json), read and checked at start-up against the hooks and the compiled CQL, and the
 * services of the content packages' PlanDefinitions. Every problem is collected, naming the file and the field
 * ({@link #problems()}), a package service with an own service's id among them; the start then fails with all of
 * them at once ({@link ContentCheck}). Each card offers its own override reasons or the configured default set.
 * Each own service knows what its libraries can read ({@link ReadSets}), so a request's other resources are left
 * unread; a package service reads everything. With a {@link ContentScope} of one service (the command line's
 * {@code evaluate}) only that service's hooks files and card files are read.
 */
public class ServiceCatalog {

    private static final Logger log = LoggerFactory.getLogger(ServiceCatalog.class);

    private static final Function<Set<String>, ReadSet> EVERYTHING = libraries -> ReadSet.EVERYTHING;

    private final TreeMap<String, CdsService> services = new TreeMap<>();
    private final List<String> problems = new ArrayList<>();

    /**
     * What the catalogue is built from.
     *
     * @param terminology the ValueSets the libraries' retrieves name, for what each service reads ({@link ReadSets});
     *     null: every service reads everything a request carries (a test of the catalogue alone)
     * @param scope the services read, and the libraries whose card files are read
     */
    public record Inputs(ContentProperties content, CardProperties cardSettings, ResourcePatternResolver resolver,
            CqlLibraries libraries, ContentPackages packages, DerivedPrefetch derived,
            ValueSetTerminology terminology, ContentScope scope) {

        /** Every service reading everything. */
        public Inputs(ContentProperties content, CardProperties cardSettings, ResourcePatternResolver resolver,
                CqlLibraries libraries, ContentPackages packages, DerivedPrefetch derived) {
            this(content, cardSettings, resolver, libraries, packages, derived, null, ContentScope.ALL);
        }
    }

    /** The own services only (no content packages), their cards without default override reasons. */
    public ServiceCatalog(ContentProperties content, ResourcePatternResolver resolver, CqlLibraries libraries) {
        this(content, new CardProperties(List.of()), resolver, libraries, ContentPackages.none());
    }

    public ServiceCatalog(ContentProperties content, ResourcePatternResolver resolver, CqlLibraries libraries,
            ContentPackages packages) {
        this(content, new CardProperties(List.of()), resolver, libraries, packages);
    }

    /** Without derived prefetch: each service keeps its prefetch as written (a test of the catalogue alone). */
    public ServiceCatalog(ContentProperties content, CardProperties cardSettings, ResourcePatternResolver resolver,
            CqlLibraries libraries, ContentPackages packages) {
        this(new Inputs(content, cardSettings, resolver, libraries, packages, null));
    }

    /** The catalogue of the content; a service without prefetch gets templates from {@code derived}. */
    public ServiceCatalog(Inputs in) {
        ContentProperties content = in.content();
        CqlLibraries libraries = in.libraries();
        Function<Set<String>, ReadSet> reads = in.terminology() == null ? EVERYTHING
                : new ReadSets(new DataRequirements(libraries, in.terminology()))::of;
        ObjectMapper strict = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
        ServiceDefinitionCheck check = new ServiceDefinitionCheck(libraries, in.cardSettings().overrideReasons(),
                problems);
        CardFiles cardFiles = new CardFiles(ContentFiles.read(in.resolver(), content.cards(), "*.json").stream()
                .filter(file -> in.scope().runs(CardFiles.libraryOf(file))).toList(), strict, libraries, problems);
        List<String> librariesRun = new ArrayList<>();
        Map<ContentFile, CdsService> composites = new LinkedHashMap<>();
        for (ContentFile file : ContentFiles.read(in.resolver(), content.hooks(), "*.json")) {
            if (!in.scope().hasService(file.name().replaceFirst("\\.json$", ""))) {
                continue;
            }
            ServiceDefinition definition = parse(strict, file);
            if (definition == null) {
                continue;
            }
            definition = withPrefetch(file, definition, in.derived(), libraries);
            List<CompiledCard> compiled = check.check(file.name(), definition, cardFiles);
            ServiceDefinition withCards = definition.withCards(ServiceDefinitionCheck.rules(definition, cardFiles));
            if (definition.libraries() != null) {
                librariesRun.addAll(definition.libraries());
            }
            CdsService service = CdsService.of(withCards, compiled, reads);
            if (definition.isComposite()) {
                composites.put(file, service);
            } else {
                add(file, service);
            }
        }
        // Composites last: they merge services read above.
        composites.forEach((file, own) -> {
            List<CompiledCard> cards = new ArrayList<>();
            ServiceDefinition merged = check.merge(file.name(), own.definition(), own.cards(), services::get, cards);
            add(file, CdsService.of(merged, cards, reads));
        });
        if (in.scope().all()) {
            problems.addAll(cardFiles.unused(librariesRun)); // what no service runs: a question for all of them
        }
        // After the composites: a composite includes own services only.
        for (PackageService service : in.packages().all()) {
            if (services.containsKey(service.id())) {
                problems.add(service.origin() + ": PlanDefinition id '" + service.id()
                        + "' is also the id of the service hooks/" + service.id() + ".json");
                continue;
            }
            services.put(service.id(), CdsService.of(service));
        }
        log.info("Serving {} CDS services: {}", services.size(), services.keySet());
    }

    /**
     * The definition with templates derived from its libraries when it declares no {@code prefetch} (an explicit
     * one, even empty, is kept as written). A type no patient search can ask for is a problem: the data would never
     * reach the rules.
     */
    private ServiceDefinition withPrefetch(ContentFile file, ServiceDefinition d, DerivedPrefetch derived,
            CqlLibraries libraries) {
        if (derived == null || d.prefetch() != null || d.libraries() == null || d.libraries().isEmpty()
                || d.libraries().stream().anyMatch(name -> libraries.find(name).isEmpty())) {
            return d;
        }
        DerivedPrefetch.Templates templates = derived.of(d.libraries());
        templates.unreachableTypes().forEach(type -> problems.add("hooks/" + file.name() + ": prefetch: the "
                + "libraries read " + type + ", which no search by patient finds: write this service's prefetch"));
        log.info("Service {}: prefetch derived from its CQL: {}", d.id(), templates.templates());
        return new ServiceDefinition(d.id(), d.hook(), d.title(), d.description(), d.usageRequirements(),
                templates.templates(), d.libraries(), d.cards(), d.includes());
    }

    private void add(ContentFile file, CdsService service) {
        if (service.id() == null) {
            return;
        }
        if (services.containsKey(service.id())) {
            problems.add("hooks/" + file.name() + ": id: service '" + service.id() + "' is defined twice");
            return;
        }
        services.put(service.id(), service);
    }

    /** Every problem of every service and card file, each naming the file and the field, each once. */
    public List<String> problems() {
        return List.copyOf(new LinkedHashSet<>(problems));
    }

    public Optional<CdsService> find(String id) {
        return Optional.ofNullable(services.get(id));
    }

    /** All services, sorted by id so discovery output is stable. */
    public Collection<CdsService> all() {
        return services.values();
    }

    private ServiceDefinition parse(ObjectMapper mapper, ContentFile file) {
        try {
            return mapper.readValue(file.text(), ServiceDefinition.class);
        } catch (JsonMappingException e) {
            problems.add("hooks/" + file.name() + ": " + path(e) + ": " + mappingProblem(e));
        } catch (JsonProcessingException e) {
            problems.add("hooks/" + file.name() + " is not valid JSON: " + e.getOriginalMessage());
        }
        return null;
    }

    /**
     * What is wrong with a field. A typo in a field name names the field and the ones there are (Jackson's own text
     * names Java classes).
     */
    static String mappingProblem(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "unknown field \"" + unknown.getPropertyName() + "\"; the fields here are "
                    + unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
        }
        return e.getOriginalMessage();
    }

    static String path(JsonMappingException e) {
        List<String> parts = new ArrayList<>();
        for (JsonMappingException.Reference ref : e.getPath()) {
            parts.add(ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]");
        }
        return String.join(".", parts).replace(".[", "[");
    }
}
