package org.cqlhooks.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cqlhooks.testing.Requests;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Every configuration property the application knows, from Spring Boot's configuration metadata on the class path
 * (the cds.* properties' is written by spring-boot-configuration-processor at build time): whether a name used in
 * a manifest, as YAML key or environment variable, is one of them.
 */
final class KnownProperties {

    private static final Pattern INDEXED = Pattern.compile("^(.+?)\\[\\d+](?:\\.([^.\\[]+))?.*$");

    /** Property name to its type as the metadata gives it. */
    private final Map<String, String> types = new HashMap<>();

    KnownProperties() throws IOException {
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
        for (String file : List.of("spring-configuration-metadata.json", "additional-spring-configuration-metadata.json")) {
            for (Resource resource : resolver.getResources("classpath*:META-INF/" + file)) {
                try (InputStream in = resource.getInputStream()) {
                    JsonNode metadata = Requests.JSON.readTree(in);
                    for (JsonNode property : metadata.path("properties")) {
                        types.putIfAbsent(property.get("name").asText(), property.path("type").asText(""));
                    }
                }
            }
        }
    }

    /** Whether {@code name} (dotted, lists as {@code [0]}) binds to a property of the application. */
    boolean knows(String name) {
        if (types.containsKey(name)) {
            return true;
        }
        Matcher indexed = INDEXED.matcher(name);
        if (indexed.matches() && types.containsKey(indexed.group(1))) {
            String type = types.get(indexed.group(1));
            return indexed.group(2) == null ? type.startsWith("java.util.List") : elementHas(type, indexed.group(2));
        }
        // Entries of a Map property (cds.cql.parameters.<name>).
        for (int dot = name.lastIndexOf('.'); dot > 0; dot = name.lastIndexOf('.', dot - 1)) {
            String type = types.get(name.substring(0, dot));
            if (type != null) {
                return type.startsWith("java.util.Map");
            }
        }
        return false;
    }

    /**
     * Whether an environment variable sets a known property: Spring Boot's relaxed binding, dots as underscores and
     * dashes dropped (SPRING_MAIN_BANNERMODE) or, its legacy form, dashes as underscores (SPRING_MAIN_BANNER_MODE).
     */
    boolean knowsVariable(String variable) {
        return types.keySet().stream().anyMatch(name -> environmentForm(name.replace("-", "")).equals(variable)
                || environmentForm(name.replace('-', '_')).equals(variable));
    }

    private static String environmentForm(String name) {
        return name.replace('.', '_').toUpperCase(Locale.ROOT);
    }

    /** A list of records (cds.security.clients): the field must be one of the record's components. */
    private static boolean elementHas(String listType, String field) {
        String element = listType.replaceAll("^java\\.util\\.List<(.+)>$", "$1");
        try {
            Class<?> type = Class.forName(element);
            if (!type.isRecord()) {
                return false;
            }
            for (RecordComponent component : type.getRecordComponents()) {
                if (kebab(component.getName()).equals(field)) {
                    return true;
                }
            }
            return false;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
