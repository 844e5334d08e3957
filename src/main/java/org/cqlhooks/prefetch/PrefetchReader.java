package org.cqlhooks.prefetch;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads a request's {@code prefetch} object straight from the request's token stream, in the one pass that reads the
 * request. The values of the keys the service asks for become JSON trees for HAPI's parser, except the entries of a
 * searchset that no rule of the service can read ({@link ReadSet}): those are tokenised once and left, never built
 * into a tree nor parsed into FHIR objects. The keys the service does not ask for are only counted. Every resource is
 * counted, left out or not, as the request limits count them; every string is still measured against the JSON
 * string-length limit and every level against the nesting limit, as when the whole request was a tree.
 *
 * <p>A resource is kept unless its type and codes settle that no rule reads it: a resource without a string
 * {@code resourceType}, a code path holding a reference (a Medication named by an order) or something other than
 * codings, and every value that is not a searchset Bundle (a read, an OperationOutcome) are kept. Kept entries are
 * read again from their bytes into a tree, so HAPI sees them exactly as sent.
 */
public final class PrefetchReader {

    /**
     * What was read.
     *
     * @param prefetch the values of the keys asked for, searchsets without the entries no rule reads
     * @param resources the resources the prefetch carries, every key and skipped ones included (a searchset counts
     *     its entries, any other object one)
     * @param skipped the entries left out because no rule of the service reads them
     */
    public record Read(ObjectNode prefetch, long resources, int skipped) {
    }

    private final JsonParser parser;
    private final byte[] body;
    private final ObjectMapper mapper;
    private final Set<String> keys;
    private final ReadSet reads;
    /** Whether a string passed over could be longer than the limit (only in a body longer than it, in bytes). */
    private final boolean measure;
    private int skipped;

    private PrefetchReader(JsonParser parser, byte[] body, ObjectMapper mapper, Set<String> keys, ReadSet reads) {
        this.parser = parser;
        this.body = body;
        this.mapper = mapper;
        this.keys = keys;
        this.reads = reads;
        this.measure = body.length > parser.streamReadConstraints().getMaxStringLength();
    }

    /**
     * The mapper the trees are read with: a copy of {@code base} (which keeps its JSON limits) reading decimals as
     * HAPI's own parser does, as exact BigDecimals with their trailing zeros (a result of 1.0 stays 1.0 on the card).
     */
    public static ObjectMapper treeMapper(ObjectMapper base) {
        return base.copy().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
    }

    /**
     * Reads the prefetch object the parser stands at (its START_OBJECT), up to and with its END_OBJECT.
     *
     * @param body the bytes the parser reads (kept entries are read again from them)
     * @param mapper reads the trees ({@link #treeMapper}, with the request's JSON limits)
     * @param keys the prefetch keys the service asks for; null: every key
     */
    public static Read read(JsonParser parser, byte[] body, ObjectMapper mapper, Set<String> keys, ReadSet reads)
            throws IOException {
        return new PrefetchReader(parser, body, mapper, keys, reads).prefetch();
    }

    private Read prefetch() throws IOException {
        ObjectNode prefetch = mapper.createObjectNode();
        Map<String, Long> counts = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            JsonToken token = parser.nextToken();
            boolean asked = keys == null || keys.contains(key);
            long count;
            if (token == JsonToken.START_OBJECT && asked && !reads.everything()) {
                Value value = value();
                prefetch.set(key, value.tree());
                count = value.resources();
            } else if (asked) {
                JsonNode value = mapper.readTree(parser);
                prefetch.set(key, value);
                JsonNode entries = value.get("entry");
                count = entries != null && entries.isArray() ? entries.size() : value.isObject() ? 1 : 0;
            } else if (token == JsonToken.START_OBJECT) {
                count = countOnly();
            } else {
                ResourceScan.skip(parser, measure);
                count = 0;
            }
            // A key sent twice counts once, as its last value (the one a tree keeps).
            counts.put(key, count);
        }
        return new Read(prefetch, counts.values().stream().mapToLong(Long::longValue).sum(), skipped);
    }

    private record Value(ObjectNode tree, long resources) {
    }

    /** A prefetch value asked for: a searchset loses the entries no rule reads. */
    private Value value() throws IOException {
        ObjectNode tree = mapper.createObjectNode();
        String resourceType = null;
        Long entries = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken token = parser.nextToken();
            if (field.equals("entry") && token == JsonToken.START_ARRAY && "Bundle".equals(resourceType)) {
                ArrayNode kept = mapper.createArrayNode();
                entries = entries(kept);
                tree.set(field, kept);
                continue;
            }
            JsonNode value = mapper.readTree(parser);
            tree.set(field, value);
            if (field.equals("resourceType")) {
                resourceType = value.isTextual() ? value.asText() : null;
            } else if (field.equals("entry")) {
                entries = value.isArray() ? (long) value.size() : null;
            }
        }
        return new Value(tree, entries != null ? entries : 1);
    }

    /** The entries of a searchset (parser at the array's start): kept ones into {@code kept}; returns how many. */
    private long entries(ArrayNode kept) throws IOException {
        long count = 0;
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            count++;
            if (token != JsonToken.START_OBJECT) {
                kept.add((JsonNode) mapper.readTree(parser));
                continue;
            }
            long start = parser.currentTokenLocation().getByteOffset();
            boolean keep = true;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("resource")) {
                    keep = value != JsonToken.START_OBJECT || ResourceScan.read(parser, reads, measure);
                    if (value != JsonToken.START_OBJECT) {
                        ResourceScan.skip(parser, measure);
                    }
                } else {
                    ResourceScan.skip(parser, measure);
                }
            }
            long end = parser.currentLocation().getByteOffset();
            if (keep) {
                if (start < 0 || end < start) {
                    throw new IllegalStateException("prefetch entries are read from bytes only");
                }
                kept.add(mapper.readTree(body, (int) start, (int) (end - start)));
            } else {
                skipped++;
            }
        }
        return count;
    }

    /** A value the service does not ask for (parser at its START_OBJECT): only how many resources it holds. */
    private long countOnly() throws IOException {
        Long entries = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken token = parser.nextToken();
            if (field.equals("entry")) {
                entries = token == JsonToken.START_ARRAY ? countElements() : null;
                if (token != JsonToken.START_ARRAY) {
                    ResourceScan.skip(parser, measure);
                }
            } else {
                ResourceScan.skip(parser, measure);
            }
        }
        return entries != null ? entries : 1;
    }

    private long countElements() throws IOException {
        long count = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            count++;
            ResourceScan.skip(parser, measure);
        }
        return count;
    }
}
