package org.cqlhooks.content;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cqlhooks.content.ContentFiles.ContentFile;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * Which part of the content a load reads: all of it (the server, a reload, {@code test}), or what one service needs
 * ({@code evaluate}, which answers for one service in a fraction of the time): its hooks file and those of the
 * services it includes, the CQL libraries they run with the libraries those include, and the card files of the
 * libraries they run. The part is checked exactly as the whole is at start-up, so its problems are the whole's
 * problems that concern this service; a problem of another service or library is left to {@code test} and the
 * server's start.
 *
 * @param services the ids of the services read (hooks/&lt;id&gt;.json); empty with {@code all}
 * @param libraries the libraries the services run (their card files, and the CQL translated with its includes)
 */
public record ContentScope(boolean all, Set<String> services, Set<String> libraries) {

    /** The whole content. */
    public static final ContentScope ALL = new ContentScope(true, Set.of(), Set.of());

    public ContentScope {
        services = Set.copyOf(services);
        libraries = Set.copyOf(libraries);
    }

    /**
     * What the service of this id needs, read from its hooks file and those it includes (transitively). A file that
     * does not parse adds no library: its problem is reported when the catalogue reads it.
     */
    public static ContentScope ofService(String id, ContentProperties content, ResourcePatternResolver resolver) {
        Map<String, String> hooks = new LinkedHashMap<>();
        for (ContentFile file : ContentFiles.read(resolver, content.hooks(), "*.json")) {
            hooks.put(file.name().replaceFirst("\\.json$", ""), file.text());
        }
        // Lenient: this only finds the parts; the catalogue then reads each file strictly and names its problems.
        ObjectMapper lenient = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        Set<String> services = new LinkedHashSet<>();
        Set<String> libraries = new LinkedHashSet<>();
        Deque<String> next = new ArrayDeque<>(List.of(id));
        while (!next.isEmpty()) {
            String service = next.pop();
            if (!services.add(service) || !hooks.containsKey(service)) {
                continue;
            }
            ServiceDefinition definition = parse(lenient, hooks.get(service));
            if (definition == null) {
                continue;
            }
            if (definition.libraries() != null) {
                definition.libraries().stream().filter(name -> name != null).forEach(libraries::add);
            }
            if (definition.includes() != null) {
                definition.includes().stream().filter(name -> name != null).forEach(next::add);
            }
        }
        return new ContentScope(false, services, libraries);
    }

    /** Whether the service of this id is read (its hooks/&lt;id&gt;.json file). */
    public boolean hasService(String id) {
        return all || services.contains(id);
    }

    /** Whether a service in scope runs the library of this name (so its card file is read). */
    public boolean runs(String library) {
        return all || libraries.contains(library);
    }

    private static ServiceDefinition parse(ObjectMapper mapper, String text) {
        try {
            return mapper.readValue(text, ServiceDefinition.class);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
