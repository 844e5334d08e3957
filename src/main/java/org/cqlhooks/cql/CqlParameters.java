package org.cqlhooks.cql;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.cqframework.cql.cql2elm.model.CompiledLibrary;
import org.hl7.elm.r1.Literal;
import org.hl7.elm.r1.NamedTypeSpecifier;
import org.hl7.elm.r1.ParameterDef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The site's CQL parameter values, checked and typed once at start-up: each setting must name a parameter, fit its
 * declared type and lie in its documented range ({@link ParameterRange}, declared next to the parameter in CQL); the
 * parameters' own defaults must lie in their ranges too. Every problem is collected ({@link #problems()}) so the
 * start fails once naming each setting and its range. A value outside a range marked "held" is not refused: it is
 * held to the range (the nearer bound is what the CQL sees), and the start-up log says so.
 */
public class CqlParameters {

    private static final Logger log = LoggerFactory.getLogger(CqlParameters.class);

    private final Map<String, Object> values;
    /** Each parameter's value in evaluations: the site's setting, else its literal default. */
    private final Map<String, Object> effective = new LinkedHashMap<>();
    private final Map<String, ParameterRange> ranges = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final List<String> unknown = new ArrayList<>();

    public CqlParameters(CqlProperties properties, CqlLibraries libraries) {
        Map<String, ParameterDef> definitions = new LinkedHashMap<>();
        libraries.all().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(library -> {
            for (ParameterDef def : parametersOf(library.getValue())) {
                String key = library.getKey() + "." + def.getName();
                definitions.put(key, def);
                declare(libraries, library.getKey(), key, def);
            }
        });
        Map<String, Object> typed = new LinkedHashMap<>();
        properties.parameters().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(setting -> {
            String name = "cds.cql.parameters." + setting.getKey();
            boolean found = false;
            for (Map.Entry<String, ParameterDef> def : definitions.entrySet()) {
                if (normalize(def.getValue().getName()).equals(normalize(setting.getKey()))) {
                    found = true;
                    Object value = convert(name, def.getKey(), def.getValue(), setting.getValue());
                    Object used = value == null ? null : inRange(name, def.getKey(), value);
                    if (used != null) {
                        typed.put(def.getKey(), used);
                    }
                }
            }
            if (!found) {
                unknown.add(setting.getKey());
                problems.add(name + " names no CQL parameter in the bundled libraries");
            }
        });
        this.values = Map.copyOf(typed);
        effective.putAll(typed);
        if (!values.isEmpty()) {
            log.info("Site CQL parameters: {}", values);
        }
    }

    /** Engine parameter values keyed "Library.Parameter name". */
    public Map<String, Object> values() {
        return values;
    }

    /**
     * The value a parameter has in evaluations (the site's setting, else its default when that is a literal), for
     * card text that names the parameter ({@code ${Parameter name}}).
     */
    public Optional<Object> value(String library, String parameter) {
        return Optional.ofNullable(effective.get(library + "." + parameter));
    }

    /** Each parameter's documented range, keyed "Library.Parameter name". */
    public Map<String, ParameterRange> ranges() {
        return Map.copyOf(ranges);
    }

    /** The settings that name no parameter of these libraries (each is also one of the {@link #problems()}). */
    public List<String> unknownSettings() {
        return List.copyOf(unknown);
    }

    /** Settings that name no parameter, do not fit its type or lie outside its range; malformed range tags. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    private void declare(CqlLibraries libraries, String library, String key, ParameterDef def) {
        String type = typeOf(def);
        ParameterRange range;
        try {
            range = ParameterRange.of(def, type);
        } catch (IllegalArgumentException e) {
            problems.add(libraries.where(library, def) + ": parameter \"" + def.getName() + "\": " + e.getMessage());
            return;
        }
        ranges.put(key, range);
        if (def.getDefault() instanceof Literal literal && literal.getValue() != null) {
            Object value = parse(type, literal.getValue());
            if (value != null) {
                effective.put(key, value);
            }
            if (value != null && !range.contains(value)) {
                problems.add(libraries.where(library, def) + ": parameter \"" + def.getName() + "\" defaults to "
                        + literal.getValue() + ", outside its range " + range.describe());
            }
        }
    }

    /** The value to use: the setting, or for a held range the nearer bound; null (and a problem) when refused. */
    private Object inRange(String setting, String key, Object value) {
        ParameterRange range = ranges.get(key);
        if (range == null || range.contains(value)) {
            return value;
        }
        String what = setting + "=" + value + ": " + quoted(key) + " (" + range.type() + ") ";
        if (range.held()) {
            BigDecimal bound = range.holdTo(value);
            log.warn("{}is outside {}: it is held to {}", what, range.describe().replaceFirst(" \\(.*", ""),
                    bound.toPlainString());
            return value instanceof Integer ? Integer.valueOf(bound.intValueExact()) : bound;
        }
        problems.add(what + "must be " + range.describe() + " (README, Content parameters)");
        return null;
    }

    private static List<ParameterDef> parametersOf(CompiledLibrary library) {
        var parameters = library.getLibrary().getParameters();
        return parameters == null ? List.of() : parameters.getDef();
    }

    static String normalize(String name) {
        return name.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
    }

    /** The typed value, or null (and a problem) when it does not fit the type. */
    private Object convert(String setting, String key, ParameterDef def, String raw) {
        String type = typeOf(def);
        String where = setting + " for " + quoted(key) + " (" + type + ")";
        if (!List.of("Integer", "Decimal", "String", "Boolean").contains(type)) {
            problems.add(where + ": parameters of this type cannot be set by configuration");
            return null;
        }
        Object value = parse(type, raw);
        if (value == null) {
            problems.add(where + ": '" + raw + "' is not a valid " + type);
        }
        return value;
    }

    private static Object parse(String type, String raw) {
        String value = raw.trim();
        try {
            return switch (type) {
                case "Integer" -> Integer.valueOf(value);
                case "Decimal" -> new BigDecimal(value);
                case "String" -> raw;
                case "Boolean" -> switch (value.toLowerCase(Locale.ROOT)) {
                    case "true" -> Boolean.TRUE;
                    case "false" -> Boolean.FALSE;
                    default -> null;
                };
                default -> null;
            };
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Library.Parameter name as CQL writes it: Library."Parameter name". */
    private static String quoted(String key) {
        int dot = key.indexOf('.');
        return key.substring(0, dot) + ".\"" + key.substring(dot + 1) + "\"";
    }

    static String typeOf(ParameterDef def) {
        if (def.getParameterTypeSpecifier() instanceof NamedTypeSpecifier named && named.getName() != null) {
            return named.getName().getLocalPart();
        }
        if (def.getParameterType() != null) {
            return def.getParameterType().getLocalPart();
        }
        if (def.getDefault() != null && def.getDefault().getResultTypeName() != null) {
            return def.getDefault().getResultTypeName().getLocalPart();
        }
        return "untyped (declare the parameter's type in CQL)";
    }
}
