package org.cqlhooks.demo;

import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import org.hl7.fhir.r4.model.Resource;

/**
 * Any other type the sample data holds (Medication, which {@code _include} adds, or what new content brings): read
 * and search by _id.
 */
public class OtherResourceProvider<T extends Resource> extends StoredResourceProvider<T> {

    OtherResourceProvider(ResourceStore store, Class<T> type) {
        super(store, type);
    }

    @Search
    public IBundleProvider search(@OptionalParam(name = "_id") TokenAndListParam ids) {
        return bundle(find(ids, r -> true));
    }
}
