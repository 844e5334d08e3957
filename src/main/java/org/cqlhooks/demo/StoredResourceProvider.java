package org.cqlhooks.demo;

import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;

/**
 * Read and search over one resource type of the {@link ResourceStore}. Subclasses declare their search parameters
 * with HAPI's annotations (so the CapabilityStatement lists exactly what is implemented) and pass a filter here.
 * Results are copies and come as one {@link SimpleBundleProvider}: HAPI's paging provider cuts it into pages with
 * {@code next} links by {@code _count}.
 */
public abstract class StoredResourceProvider<T extends Resource> implements IResourceProvider {

    private final ResourceStore store;
    private final Class<T> type;

    StoredResourceProvider(ResourceStore store, Class<T> type) {
        this.store = store;
        this.type = type;
    }

    @Override
    public Class<T> getResourceType() {
        return type;
    }

    String typeName() {
        return type.getSimpleName();
    }

    @Read
    public T read(@IdParam IdType id) {
        Resource found = store.get(typeName(), id.getIdPart());
        if (found == null) {
            throw new ResourceNotFoundException(id);
        }
        return type.cast(found);
    }

    /** The stored resources (copies) with one of the {@code _id}s, if given, that pass the filter. */
    List<T> find(TokenAndListParam ids, Predicate<T> filter) {
        return store.all(typeName()).stream().map(type::cast)
                .filter(r -> Matches.token(ids, new StringType(r.getIdPart())))
                .filter(filter).toList();
    }

    static IBundleProvider bundle(List<? extends Resource> results) {
        return new SimpleBundleProvider(results);
    }

    /**
     * {@code _include=<Type>:medication}: the referenced Medication is attached to the reference, which is how
     * HAPI's plain server learns what to add to the searchset as an included entry.
     */
    void includeMedication(List<T> results, Set<Include> includes,
            Function<T, Reference> medication) {
        if (includes == null || includes.stream().noneMatch(i -> i.getValue().equals(typeName() + ":medication"))) {
            return;
        }
        for (T result : results) {
            Reference reference = medication.apply(result);
            if (reference != null && "Medication".equals(reference.getReferenceElement().getResourceType())) {
                Resource target = store.get("Medication", reference.getReferenceElement().getIdPart());
                if (target != null) {
                    reference.setResource(target);
                }
            }
        }
    }
}
