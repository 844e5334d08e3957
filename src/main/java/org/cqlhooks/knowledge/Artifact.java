package org.cqlhooks.knowledge;

import org.hl7.fhir.r4.model.Resource;

/** A knowledge resource and where it was read from (package location and path), for messages. */
record Artifact<R extends Resource>(R resource, String origin) {
}
