package org.cqlhooks.cql;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cqframework.cql.cql2elm.model.CompiledLibrary;
import org.cqlhooks.content.ContentException;
import org.hl7.elm.r1.NamedTypeSpecifier;
import org.hl7.elm.r1.ParameterDef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The site's CQL parameter values, checked and typed once at start-up. An unknown name or a value that does not
 * fit the parameter's declared type stops the start with a message naming both.
 */
@Component
public class CqlParameters {

    private static final Logger log = LoggerFactory.getLogger(CqlParameters.class);

    private final Map<String, Object> values;

    public CqlParameters(CqlProperties properties, CqlLibraries libraries) {
        Map<String, Object> typed = new HashMap<>();
        for (Map.Entry<String, String> setting : properties.parameters().entrySet()) {
            boolean found = false;
            for (Map.Entry<String, CompiledLibrary> library : libraries.all().entrySet()) {
                for (ParameterDef def : parametersOf(library.getValue())) {
                    if (normalize(def.getName()).equals(normalize(setting.getKey()))) {
                        typed.put(library.getKey() + "." + def.getName(), convert(library.getKey(), def, setting.getValue()));
                        found = true;
                    }
                }
            }
            if (!found) {
                throw new ContentException("cds.cql.parameters." + setting.getKey()
                        + " names no CQL parameter in the bundled libraries");
            }
        }
        this.values = Map.copyOf(typed);
        if (!values.isEmpty()) {
            log.info("Site CQL parameters: {}", values);
        }
    }

    /** Engine parameter values keyed "Library.Parameter name". */
    public Map<String, Object> values() {
        return values;
    }

    private static List<ParameterDef> parametersOf(CompiledLibrary library) {
        var parameters = library.getLibrary().getParameters();
        return parameters == null ? List.of() : parameters.getDef();
    }

    static String normalize(String name) {
        return name.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
    }

    private static Object convert(String library, ParameterDef def, String raw) {
        String type = typeOf(def);
        String where = "cds.cql.parameters for " + library + ".\"" + def.getName() + "\" (" + type + ")";
        String value = raw.trim();
        try {
            return switch (type) {
                case "Integer" -> Integer.valueOf(value);
                case "Decimal" -> new BigDecimal(value);
                case "String" -> raw;
                case "Boolean" -> switch (value.toLowerCase(Locale.ROOT)) {
                    case "true" -> Boolean.TRUE;
                    case "false" -> Boolean.FALSE;
                    default -> throw new NumberFormatException(value);
                };
                default -> throw new ContentException(where + ": parameters of this type cannot be set by configuration");
            };
        } catch (NumberFormatException e) {
            throw new ContentException(where + ": '" + raw + "' is not a valid " + type);
        }
    }

    private static String typeOf(ParameterDef def) {
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
