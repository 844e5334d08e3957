package org.cqlhooks.cql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cqlhooks.cql.ValueSetTerminology.CodeKey;
import org.hl7.fhir.instance.model.api.IBaseReference;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.opencds.cqf.cql.engine.model.ModelResolver;
import org.opencds.cqf.cql.engine.retrieve.RetrieveProvider;
import org.opencds.cqf.cql.engine.runtime.Code;
import org.opencds.cqf.cql.engine.runtime.Interval;

/**
 * Answers the engine's retrieves from one request's resources. Resources are grouped by type once; the first
 * retrieve for a (type, context path, code path) builds a code index that later retrieves reuse, so no retrieve
 * scans the data linearly. One instance serves one evaluation: it is not shared between requests.
 */
final class PatientRetrieve implements RetrieveProvider {

    private final Map<String, List<IBaseResource>> byType = new HashMap<>();
    private final ModelResolver model;
    private final ValueSetTerminology terminology;
    private final Map<String, List<IBaseResource>> inContext = new HashMap<>();
    private final Map<String, Map<CodeKey, List<IBaseResource>>> codeIndexes = new HashMap<>();

    PatientRetrieve(List<IBaseResource> resources, ModelResolver model, ValueSetTerminology terminology) {
        this.model = model;
        this.terminology = terminology;
        for (IBaseResource resource : resources) {
            byType.computeIfAbsent(resource.fhirType(), t -> new ArrayList<>()).add(resource);
        }
    }

    @Override
    public Iterable<Object> retrieve(String context, String contextPath, Object contextValue, String dataType,
            String templateId, String codePath, Iterable<Code> codes, String valueSet, String datePath,
            String dateLowPath, String dateHighPath, Interval dateRange) {
        if (datePath != null || dateLowPath != null || dateHighPath != null || dateRange != null) {
            // The translator only emits date filters when asked to (an option this server never sets).
            throw new IllegalStateException("Date-filtered retrieves are not enabled in this server");
        }
        List<IBaseResource> candidates = inContext(context, dataType, contextPath, contextValue);
        if (codePath == null || (codes == null && valueSet == null)) {
            return Collections.unmodifiableList(candidates);
        }
        Map<CodeKey, List<IBaseResource>> index = codeIndex(context, dataType, contextPath, contextValue, codePath);
        Set<IBaseResource> hits = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Object> result = new ArrayList<>();
        if (codes != null) {
            for (Code code : codes) {
                addAll(index.get(new CodeKey(code.getSystem(), code.getCode())), hits, result);
            }
        }
        if (valueSet != null) {
            Set<CodeKey> members = terminology.keys(valueSet);
            if (members.size() < index.size()) {
                members.forEach(key -> addAll(index.get(key), hits, result));
            } else {
                index.forEach((key, list) -> {
                    if (members.contains(key)) {
                        addAll(list, hits, result);
                    }
                });
            }
        }
        return result;
    }

    private static void addAll(List<IBaseResource> found, Set<IBaseResource> hits, List<Object> result) {
        if (found == null) {
            return;
        }
        for (IBaseResource resource : found) {
            if (hits.add(resource)) {
                result.add(resource);
            }
        }
    }

    private List<IBaseResource> inContext(String context, String dataType, String contextPath, Object contextValue) {
        String key = dataType + '|' + contextPath + '|' + contextValue;
        return inContext.computeIfAbsent(key, k -> {
            List<IBaseResource> all = byType.getOrDefault(dataType, List.of());
            if (contextPath == null || contextValue == null) {
                return all;
            }
            List<IBaseResource> mine = new ArrayList<>();
            for (IBaseResource resource : all) {
                if (contextValue.toString().equals(idOf(model.resolvePath(resource, contextPath), context))) {
                    mine.add(resource);
                }
            }
            return mine;
        });
    }

    private Map<CodeKey, List<IBaseResource>> codeIndex(String context, String dataType, String contextPath,
            Object contextValue, String codePath) {
        String key = dataType + '|' + contextPath + '|' + contextValue + '|' + codePath;
        return codeIndexes.computeIfAbsent(key, k -> {
            Map<CodeKey, List<IBaseResource>> index = new LinkedHashMap<>();
            for (IBaseResource resource : inContext(context, dataType, contextPath, contextValue)) {
                List<CodeKey> keys = new ArrayList<>();
                codesOf(model.resolvePath(resource, codePath), keys);
                for (CodeKey codeKey : keys) {
                    List<IBaseResource> list = index.computeIfAbsent(codeKey, c -> new ArrayList<>());
                    if (list.isEmpty() || list.get(list.size() - 1) != resource) {
                        list.add(resource);
                    }
                }
            }
            return index;
        });
    }

    private static void codesOf(Object value, List<CodeKey> into) {
        if (value instanceof CodeableConcept concept) {
            concept.getCoding().forEach(c -> codesOf(c, into));
        } else if (value instanceof Coding coding && coding.hasCode()) {
            into.add(new CodeKey(coding.getSystem(), coding.getCode()));
        } else if (value instanceof Iterable<?> many) {
            many.forEach(v -> codesOf(v, into));
        }
    }

    /**
     * The id part of a reference ("Patient/123", an absolute URL) or of an id value. A reference to another resource
     * type than the context's (Group/123 when the context is Patient) has no id in that context.
     */
    private static String idOf(Object value, String context) {
        if (value instanceof IBaseReference reference) {
            IIdType target = reference.getReferenceElement();
            return target.hasResourceType() && !target.getResourceType().equals(context) ? null : target.getIdPart();
        }
        if (value instanceof IIdType id) {
            return id.getIdPart();
        }
        if (value instanceof IPrimitiveType<?> primitive) {
            String text = primitive.getValueAsString();
            return text == null ? null : text.substring(text.lastIndexOf('/') + 1);
        }
        return value == null ? null : value.toString();
    }
}
