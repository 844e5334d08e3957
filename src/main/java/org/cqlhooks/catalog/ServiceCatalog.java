package org.cqlhooks.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.cqlhooks.cards.CompiledCard;
import org.cqlhooks.content.ContentFiles.ContentFile;
import org.cqlhooks.content.ContentFiles;
import org.cqlhooks.content.ContentProperties;
import org.cqlhooks.content.ServiceDefinition;
import org.cqlhooks.cql.CqlLibraries;
import org.cqlhooks.cql.DataRequirements;
import org.cqlhooks.cql.ValueSetTerminology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The services this server offers: every hooks/*.json file, read and checked at start-up against the hooks and
 * the compiled CQL; each knows what its libraries can read ({@link ReadSets}). Every problem is collected, naming the file and the field ({@link #problems()}); the start then
 * fails with all of them at once ({@link ContentCheck}).
 */
@Component
public class ServiceCatalog {

    private static final Logger log = LoggerFactory.getLogger(ServiceCatalog.class);

    private final TreeMap<String, CdsService> services = new TreeMap<>();
    private final List<String> problems = new ArrayList<>();

    public ServiceCatalog(ContentProperties content, ResourcePatternResolver resolver, CqlLibraries libraries,
            ValueSetTerminology terminology) {
        ObjectMapper strict = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
        ServiceDefinitionCheck check = new ServiceDefinitionCheck(libraries, problems);
        ReadSets reads = new ReadSets(new DataRequirements(libraries, terminology));
        Map<ContentFile, CdsService> composites = new LinkedHashMap<>();
        for (ContentFile file : ContentFiles.read(resolver, content.hooks(), "*.json")) {
            ServiceDefinition definition = parse(strict, file);
            if (definition == null) {
                continue;
            }
            CdsService service = CdsService.of(definition, check.check(file.name(), definition), reads::of);
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
            add(file, CdsService.of(merged, cards, reads::of));
        });
        log.info("Serving {} CDS services: {}", services.size(), services.keySet());
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

    /** Every problem of every service file, each naming the file and the field. */
    public List<String> problems() {
        return List.copyOf(problems);
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
            problems.add("hooks/" + file.name() + ": " + path(e) + ": " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            problems.add("hooks/" + file.name() + " is not valid JSON: " + e.getOriginalMessage());
        }
        return null;
    }

    private static String path(JsonMappingException e) {
        List<String> parts = new ArrayList<>();
        for (JsonMappingException.Reference ref : e.getPath()) {
            parts.add(ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]");
        }
        return String.join(".", parts).replace(".[", "[");
    }
}
