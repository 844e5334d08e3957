package org.cqlhooks.catalog;

import java.util.Set;
import org.cqlhooks.cql.DataRequirements;
import org.cqlhooks.prefetch.ReadSet;

/**
 * A service's {@link ReadSet}: what the retrieves of its libraries read ({@link DataRequirements}), made once when
 * the catalogue is built, so it belongs to the content it was made from.
 */
final class ReadSets {

    private final DataRequirements requirements;

    ReadSets(DataRequirements requirements) {
        this.requirements = requirements;
    }

    ReadSet of(Set<String> libraries) {
        DataRequirements.Requirements needs = requirements.of(libraries);
        ReadSet.Builder reads = ReadSet.builder();
        if (needs.everything()) {
            return reads.everything().build();
        }
        for (DataRequirements.Read read : needs.reads()) {
            if (read.everyResource()) {
                reads.everyResource(read.type());
            } else {
                reads.code(read.type(), read.codePath(), read.system(), read.code());
            }
        }
        return reads.build();
    }
}
