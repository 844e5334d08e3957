package org.cqlhooks.cql;

import ca.uhn.fhir.context.FhirContext;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hl7.fhir.r4.model.AnnotatedUuidType;
import org.hl7.fhir.r4.model.Enumerations;
import org.opencds.cqf.cql.engine.fhir.model.R4FhirModelResolver;

/**
 * The engine's R4 model resolver, with property paths split without a regular expression. The stock
 * {@code resolvePath} compiles a regex on every call, and the engine calls it for every property access: at a few
 * hundred resources per call that was a measurable share of evaluation time. Indexed paths ({@code item[0]}) keep
 * the stock behaviour.
 * <p>
 * The stock resolver also has HAPI scan every R4 resource type when it is made (some 150 types, a second of CPU at
 * start-up), because a type name it cannot find directly is looked for among the inner classes of the scanned
 * types ({@code ObservationStatus} in {@code Observation}). Here that scan waits for the first such name: a
 * resource or an already-scanned datatype resolves as before, and any other name first has every type scanned,
 * then resolves exactly as the stock resolver would.
 */
final class FastR4ModelResolver extends R4FhirModelResolver {

    /** Set once every resource type is scanned (not initialised in a field initialiser: see initialize()). */
    private volatile boolean everyTypeScanned;

    FastR4ModelResolver(FhirContext context) {
        super(context);
    }

    /**
     * Called by the superclass constructor (before this class's fields are set): what the stock resolver does
     * first, without the scan of every resource type.
     */
    @Override
    protected void initialize() {
        // The stock fix for a HAPI type missing its annotations.
        getFhirContext().registerCustomType(AnnotatedUuidType.class);
    }

    @Override
    public Class<?> resolveType(String typeName) {
        if (!everyTypeScanned && !resolvesDirectly(typeName)) {
            scanEveryType();
        }
        return super.resolveType(typeName);
    }

    /** A name the stock resolver finds by its first two lookups, which do not depend on what is scanned. */
    private boolean resolvesDirectly(String typeName) {
        if (typeName == null) {
            return true;
        }
        String name = typeName.startsWith("FHIR.") ? typeName.substring("FHIR.".length()) : typeName;
        FhirContext fhir = getFhirContext();
        return fhir.getElementDefinition(name) != null || fhir.getResourceTypes().contains(name);
    }

    /** The stock resolver's start-up scan: every concrete resource type, in one call to HAPI's scanner. */
    private synchronized void scanEveryType() {
        if (everyTypeScanned) {
            return;
        }
        FhirContext fhir = getFhirContext();
        try {
            // As the stock resolver does it: HAPI keeps the classes by name in a private map, with no accessor.
            Field byName = FhirContext.class.getDeclaredField("myNameToResourceType");
            byName.setAccessible(true);
            Map<?, ?> classes = (Map<?, ?>) byName.get(fhir);
            List<Object> types = new ArrayList<>();
            for (Enumerations.ResourceType type : Enumerations.ResourceType.values()) {
                if (type == Enumerations.ResourceType.DOMAINRESOURCE || type == Enumerations.ResourceType.RESOURCE
                        || type == Enumerations.ResourceType.NULL) {
                    continue; // abstract, never resolved directly
                }
                Object found = classes.get(type.toCode().toLowerCase(Locale.ROOT));
                if (found != null) {
                    types.add(found);
                }
            }
            Method scan = FhirContext.class.getDeclaredMethod("scanResourceTypes", Collection.class);
            scan.setAccessible(true);
            scan.invoke(fhir, types);
        } catch (ReflectiveOperationException e) {
            // As the stock resolver: HAPI's internals changed, the types are then scanned one by one, on demand.
        }
        everyTypeScanned = true;
    }

    @Override
    public Object resolvePath(Object target, String path) {
        if (path == null || path.indexOf('[') >= 0) {
            return super.resolvePath(target, path);
        }
        Object current = target;
        int start = 0;
        while (start <= path.length()) {
            int dot = path.indexOf('.', start);
            int end = dot < 0 ? path.length() : dot;
            if (end > start) {
                current = resolveProperty(current, path.substring(start, end));
            }
            if (dot < 0) {
                break;
            }
            start = dot + 1;
        }
        return current;
    }
}
