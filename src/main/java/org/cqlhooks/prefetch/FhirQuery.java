package org.cqlhooks.prefetch;

import java.net.URI;

/**
 * One query to the client's FHIR server on behalf of a prefetch key.
 *
 * @param key the prefetch key the result stands in for
 * @param url the absolute URL to GET
 * @param read whether the query is a read (Type/id), whose 404 means "no such resource" rather than a failure
 */
record FhirQuery(String key, URI url, boolean read) {
}
