package org.cqlhooks.prefetch;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IJsonLikeParser;
import ca.uhn.fhir.parser.json.jackson.JacksonStructure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cqlhooks.wire.CdsError;
import org.cqlhooks.wire.CdsException;
import org.cqlhooks.wire.CdsRequest;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.stereotype.Component;

/**
 * Gathers the data of one call. For each of the service's prefetch templates: the request's prefetch value when
 * it was provided; otherwise (key missing, {@code null}, or an OperationOutcome) the same query, run against
 * {@code fhirServer}. Without a fhirServer, data that was not provided cannot be had: 412.
 */
@Component
public class DataCollector {

    private final FhirContext fhir;
    private final FhirFetcher fetcher;
    private final FhirClientProperties settings;
    private final FhirServerPolicy guard;

    public DataCollector(FhirContext fhir, FhirFetcher fetcher, FhirClientProperties settings, FhirServerPolicy guard) {
        this.fhir = fhir;
        this.fetcher = fetcher;
        this.settings = settings;
        this.guard = guard;
    }

    /** @param templates the service's prefetch templates, by key */
    public PatientData collect(Map<String, String> templates, CdsRequest request) {
        List<IBaseResource> resources = new ArrayList<>();
        List<FhirQuery> queries = new ArrayList<>();
        List<String> prefetched = new ArrayList<>();
        for (Map.Entry<String, String> template : templates.entrySet()) {
            String key = template.getKey();
            JsonNode provided = request.prefetch() == null ? null : request.prefetch().get(key);
            IBaseResource resource = provided == null || !provided.isObject() ? null : parse(key, provided);
            if (resource != null && !(resource instanceof OperationOutcome)) {
                add(resource, resources);
                prefetched.add(key);
                nextPage(resource, request).ifPresent(next -> queries.add(new FhirQuery(key, next, false)));
                continue;
            }
            Optional<String> query = PrefetchTemplate.fill(template.getValue(), request.contextValues());
            query.ifPresent(relative -> queries.add(new FhirQuery(key, resolve(request, key, relative),
                    isRead(relative))));
        }
        int calls = 0;
        if (!queries.isEmpty()) {
            guard.check(request.fhirServer());
            FhirFetcher.Fetched fetched = fetcher.fetch(request.fhirServer(), request.accessToken(), queries);
            fetched.byKey().values().forEach(resources::addAll);
            calls = fetched.calls();
        }
        if (resources.size() > settings.maxResources()) {
            throw new CdsException(CdsError.LIMIT_EXCEEDED, "The call carries " + resources.size()
                    + " resources; this server accepts at most " + settings.maxResources());
        }
        List<String> fetched = queries.stream().map(FhirQuery::key).distinct().toList();
        return new PatientData(request.patientId(), unique(resources), prefetched, fetched, calls);
    }

    /** Hands the already-parsed JSON tree to HAPI's parser: the request's JSON is read once, not re-serialised. */
    private IBaseResource parse(String key, JsonNode value) {
        JacksonStructure structure = new JacksonStructure();
        structure.setNativeObject((ObjectNode) value);
        try {
            return ((IJsonLikeParser) fhir.newJsonParser()).parseResource(structure);
        } catch (DataFormatException | IllegalArgumentException | ClassCastException | NullPointerException e) {
            // HAPI's tree parser fails with an NPE on JSON nulls where it expects a value ("resource": null): that
            // is the caller's malformed input, not a fault of this server.
            throw CdsException.invalid("prefetch." + key, "prefetch." + key + " is not a FHIR R4 resource");
        }
    }

    private static void add(IBaseResource resource, List<IBaseResource> into) {
        if (resource instanceof Bundle bundle) {
            Bundles.addEntries(bundle, into);
        } else {
            into.add(resource);
        }
    }

    /** A client may paginate prefetch (2.0.1): the rest of a searchset is fetched from its next link. */
    private static Optional<URI> nextPage(IBaseResource resource, CdsRequest request) {
        if (!(resource instanceof Bundle bundle) || bundle.getLink(Bundle.LINK_NEXT) == null
                || !bundle.getLink(Bundle.LINK_NEXT).hasUrl()) {
            return Optional.empty();
        }
        if (request.fhirServer() == null) {
            throw CdsException.unobtainable("A prefetch Bundle has more pages and the request has no fhirServer");
        }
        URI next = request.fhirServer().resolve(bundle.getLink(Bundle.LINK_NEXT).getUrl());
        if (!FhirFetcher.sameOrigin(next, request.fhirServer())) {
            throw CdsException.unobtainable("A prefetch Bundle's next link leaves the fhirServer's origin");
        }
        return Optional.of(next);
    }

    private static URI resolve(CdsRequest request, String key, String relative) {
        if (request.fhirServer() == null) {
            throw CdsException.unobtainable("Prefetch key '" + key
                    + "' was not provided and the request has no fhirServer to fetch it from");
        }
        String base = request.fhirServer().toString();
        return URI.create(base.endsWith("/") ? base + relative : base + "/" + relative);
    }

    /** A read is Type/id with no query: its 404 means "no such resource". */
    private static boolean isRead(String relative) {
        return !relative.contains("?") && relative.chars().filter(c -> c == '/').count() == 1;
    }

    /** The same resource can come from two prefetch keys; evaluate it once. */
    private static List<IBaseResource> unique(List<IBaseResource> resources) {
        Set<String> seen = new HashSet<>();
        List<IBaseResource> unique = new ArrayList<>(resources.size());
        for (IBaseResource r : resources) {
            String id = r.getIdElement().getIdPart();
            if (id == null || seen.add(r.fhirType() + "/" + id)) {
                unique.add(r);
            }
        }
        return unique;
    }
}
