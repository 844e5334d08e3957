package org.cqlhooks.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What discovery lists.
 *
 * @param listAllInOne whether services that include others ({@code pain-cds-all}) are listed too. Off by default: a
 *     client that calls every listed service of a hook (the CDS Hooks sandbox does) would otherwise get each finding
 *     twice, once from its family's service and once from the all-in-one. Such a service can always be called by its
 *     URL all the same.
 */
@ConfigurationProperties("cds.discovery")
public record DiscoveryProperties(boolean listAllInOne) {
}
