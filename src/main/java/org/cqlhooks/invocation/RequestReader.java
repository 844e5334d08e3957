package org.cqlhooks.invocation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.cqlhooks.catalog.CdsService;
import org.cqlhooks.prefetch.PrefetchReader;
import org.cqlhooks.prefetch.ReadSet;
import org.cqlhooks.wire.CdsError;
import org.cqlhooks.wire.CdsException;
import org.cqlhooks.wire.CdsRequest;
import org.cqlhooks.wire.FhirAuthorization;
import org.cqlhooks.wire.Hooks;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Reads a service request body and checks it against 2.0.1 "HTTP Request" and the hook's context table. Every
 * refusal names the field at fault. Unknown members (such as {@code extension}) are accepted and ignored. The body
 * is read once, as a token stream: the members become small trees and the prefetch is read as it streams by
 * ({@link PrefetchReader}), so resources no rule of the service reads are never built in memory. The whole body is
 * read before any check, so malformed JSON anywhere is refused first, as when it was read into one tree.
 */
@Component
public class RequestReader {

    /** FHIR id: 1-64 of letters, digits, '-' and '.'. */
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
    private static final Pattern REFERENCE = Pattern.compile("([A-Z][A-Za-z]+)/([A-Za-z0-9\\-.]{1,64})");
    /** patient-view: "the user is expected to be of type Practitioner, PractitionerRole, Patient, or RelatedPerson". */
    private static final Set<String> USER_TYPES = Set.of("Practitioner", "PractitionerRole", "Patient", "RelatedPerson");
    private static final int MAX_HOOK_INSTANCE = 256;

    private final ObjectMapper mapper;
    private final int maxPrefetchResources;

    /** With the default limits (tests). */
    public RequestReader(ObjectMapper mapper) {
        this(mapper, new LimitProperties(DataSize.ofMegabytes(10), 100, 5_000_000, 10_000, null, null,
                Duration.ofSeconds(1), Duration.ofSeconds(1)));
    }

    @Autowired
    public RequestReader(ObjectMapper mapper, LimitProperties limits) {
        // Decimals as HAPI reads them (prefetch trees go to HAPI's parser as they are); the copy keeps the nesting
        // and string limits of the application's mapper (JsonLimits).
        this.mapper = PrefetchReader.treeMapper(mapper);
        this.maxPrefetchResources = limits.maxPrefetchResources();
    }

    /** Parses and checks a request, keeping every prefetch key and resource (no service to decide by). */
    public CdsRequest read(byte[] body, String serviceHook) {
        return read(body, serviceHook, null, ReadSet.EVERYTHING);
    }

    /**
     * Parses and checks a request to {@code service}: only the prefetch keys it asks for are kept, without the
     * searchset entries no rule of it reads.
     */
    public CdsRequest read(byte[] body, CdsService service) {
        return read(body, service.hook(), service.prefetch().keySet(), service.reads());
    }

    private CdsRequest read(byte[] body, String serviceHook, Set<String> prefetchKeys, ReadSet reads) {
        Body read = parse(body, prefetchKeys, reads);
        ObjectNode root = read.root();
        String hook = requiredString(root, "hook");
        String hookInstance = requiredString(root, "hookInstance");
        if (hookInstance.length() > MAX_HOOK_INSTANCE) {
            throw CdsException.invalid("hookInstance", "hookInstance is longer than " + MAX_HOOK_INSTANCE + " characters");
        }
        URI fhirServer = fhirServer(root);
        JsonNode authorizationNode = root.get("fhirAuthorization");
        if (authorizationNode != null && !authorizationNode.isNull() && fhirServer == null) {
            throw CdsException.invalid("fhirServer", "fhirServer is required when fhirAuthorization is provided");
        }
        FhirAuthorization authorization = fhirAuthorization(root);
        JsonNode context = root.get("context");
        if (context == null || !context.isObject()) {
            throw CdsException.invalid("context", "context is required and must be a JSON object");
        }
        ObjectNode prefetch = prefetch(read);
        if (!hook.equals(serviceHook)) {
            throw new CdsException(CdsError.HOOK_MISMATCH,
                    "This service answers the " + serviceHook + " hook, not " + hook, "hook");
        }
        Map<String, String> values = contextValues((ObjectNode) context, hook);
        return new CdsRequest(hook, hookInstance, fhirServer, authorization, values, prefetch,
                prefetch == null ? 0 : read.prefetch().skipped());
    }

    /**
     * The request body as read in one pass: every member but {@code prefetch} as a tree (they are small), the
     * prefetch as {@link PrefetchReader} reads it.
     *
     * @param prefetch null when the member is absent or JSON null
     * @param prefetchIsObject whether it was an object (a prefetch that is not is refused)
     */
    private record Body(ObjectNode root, PrefetchReader.Read prefetch, boolean prefetchIsObject) {
    }

    private Body parse(byte[] body, Set<String> prefetchKeys, ReadSet reads) {
        try (JsonParser parser = mapper.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                if (first != null) {
                    mapper.readTree(parser);
                }
                throw new CdsException(CdsError.MALFORMED_JSON, "The request body must be a JSON object");
            }
            ObjectNode root = mapper.createObjectNode();
            PrefetchReader.Read prefetch = null;
            boolean prefetchIsObject = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken token = parser.nextToken();
                if (!field.equals("prefetch")) {
                    root.set(field, mapper.readTree(parser));
                } else if (token == JsonToken.START_OBJECT) {
                    prefetch = PrefetchReader.read(parser, body, mapper, prefetchKeys, reads);
                    prefetchIsObject = true;
                } else {
                    JsonNode value = mapper.readTree(parser);
                    prefetch = value.isNull() ? null : new PrefetchReader.Read(null, 0, 0);
                    prefetchIsObject = false;
                }
            }
            return new Body(root, prefetch, prefetchIsObject);
        } catch (StreamConstraintsException e) {
            throw new CdsException(CdsError.LIMIT_EXCEEDED,
                    "The request body nests JSON too deeply or holds a string that is too long (cds.limits)");
        } catch (JsonProcessingException e) {
            throw new CdsException(CdsError.MALFORMED_JSON, e.getLocation() == null
                    ? "The request body is not valid JSON"
                    : "The request body is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw new CdsException(CdsError.MALFORMED_JSON, "The request body could not be read");
        }
    }

    private static URI fhirServer(ObjectNode root) {
        String text = optionalString(root, "fhirServer");
        if (text == null) {
            return null;
        }
        try {
            URI uri = new URI(text);
            if (!uri.isAbsolute() || uri.getHost() == null
                    || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
                throw CdsException.invalid("fhirServer", "fhirServer must be an absolute http(s) URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw CdsException.invalid("fhirServer", "fhirServer is not a valid URL");
        }
    }

    private static FhirAuthorization fhirAuthorization(ObjectNode root) {
        JsonNode node = root.get("fhirAuthorization");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw CdsException.invalid("fhirAuthorization", "fhirAuthorization must be a JSON object");
        }
        // 2.0.1 "Passing the Access Token": access_token, token_type, expires_in, scope and subject are REQUIRED.
        ObjectNode auth = (ObjectNode) node;
        String token = requiredString(auth, "access_token", "fhirAuthorization.access_token");
        String type = requiredString(auth, "token_type", "fhirAuthorization.token_type");
        if (!"Bearer".equalsIgnoreCase(type)) {
            throw CdsException.invalid("fhirAuthorization.token_type", "token_type must be Bearer");
        }
        JsonNode expires = auth.get("expires_in");
        if (expires == null || expires.isNull()) {
            throw CdsException.invalid("fhirAuthorization.expires_in", "fhirAuthorization.expires_in is required "
                    + "(the lifetime of the access token in seconds)");
        }
        if (!expires.isIntegralNumber() || !expires.canConvertToLong()) {
            throw CdsException.invalid("fhirAuthorization.expires_in", "expires_in must be an integer");
        }
        return new FhirAuthorization(token, type, expires.asLong(),
                requiredString(auth, "scope", "fhirAuthorization.scope"),
                requiredString(auth, "subject", "fhirAuthorization.subject"),
                optionalString(auth, "patient", "fhirAuthorization.patient"));
    }

    private ObjectNode prefetch(Body body) {
        if (body.prefetch() == null) {
            return null;
        }
        if (!body.prefetchIsObject()) {
            throw CdsException.invalid("prefetch", "prefetch must be a JSON object of prefetch keys");
        }
        long resources = body.prefetch().resources();
        if (resources > maxPrefetchResources) {
            throw new CdsException(CdsError.LIMIT_EXCEEDED, "prefetch carries " + resources
                    + " resources; this server accepts at most " + maxPrefetchResources, "prefetch");
        }
        return body.prefetch().prefetch();
    }

    private static Map<String, String> contextValues(ObjectNode context, String hook) {
        Map<String, String> values = new LinkedHashMap<>();
        context.properties().forEach(field -> {
            JsonNode v = field.getValue();
            if (v.isTextual() || v.isNumber() || v.isBoolean()) {
                values.put(field.getKey(), v.asText());
            }
        });
        Hooks.Hook spec = Hooks.find(hook).orElseThrow();
        for (String field : spec.required()) {
            if (!context.hasNonNull(field)) {
                throw CdsException.invalid("context." + field, "context." + field + " is required for " + hook);
            }
        }
        for (String idField : Set.of("patientId", "encounterId")) {
            JsonNode v = context.get(idField);
            if (v != null && !v.isNull() && !(v.isTextual() && isFhirId(v.asText()))) {
                throw CdsException.invalid("context." + idField, "context." + idField
                        + " must be a FHIR id (1-64 letters, digits, '-' or '.')");
            }
        }
        JsonNode user = context.get("userId");
        if (user != null && !user.isNull()) {
            var m = user.isTextual() ? REFERENCE.matcher(user.asText()) : null;
            if (m == null || !m.matches() || !isFhirId(m.group(2))
                    || ("patient-view".equals(hook) && !USER_TYPES.contains(m.group(1)))) {
                throw CdsException.invalid("context.userId", "context.userId must be [ResourceType]/[id] of a "
                        + String.join(", ", USER_TYPES.stream().sorted().toList()));
            }
        }
        return values;
    }

    private static boolean isFhirId(String id) {
        return FHIR_ID.matcher(id).matches() && !id.equals(".") && !id.equals("..");
    }

    private static String requiredString(ObjectNode node, String name) {
        return requiredString(node, name, name);
    }

    private static String requiredString(ObjectNode node, String name, String field) {
        String value = optionalString(node, name, field);
        if (value == null || value.isBlank()) {
            throw CdsException.invalid(field, field + " is required and must be a non-empty string");
        }
        return value;
    }

    private static String optionalString(ObjectNode node, String name) {
        return optionalString(node, name, name);
    }

    private static String optionalString(ObjectNode node, String name, String field) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw CdsException.invalid(field, field + " must be a string");
        }
        return v.asText();
    }
}
