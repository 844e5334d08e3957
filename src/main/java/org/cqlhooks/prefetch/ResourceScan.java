package org.cqlhooks.prefetch;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides from one pass over a resource's JSON whether some rule can read it ({@link ReadSet}): its
 * {@code resourceType}, then the codings at the code paths that type is read by. Only those strings are made; the
 * rest is passed over (once the type is known, without looking at the field names: every resource is tokenised, so
 * this pass is what a request of resources no rule reads costs). Whatever it cannot settle keeps the resource,
 * a resource naming its type twice among them.
 */
final class ResourceScan {

    private final JsonParser parser;
    private final ReadSet reads;
    private final boolean measure;
    /** System and code of each coding found (flattened pairs), the code path each was found under beside. */
    private List<String> codes;
    private List<String> codesPaths;

    private ResourceScan(JsonParser parser, ReadSet reads, boolean measure) {
        this.parser = parser;
        this.reads = reads;
        this.measure = measure;
    }

    /**
     * Reads the resource the parser stands at (its START_OBJECT) to its END_OBJECT; true: keep it.
     *
     * @param measure whether strings passed over are measured against the string-length limit ({@link #skip})
     */
    static boolean read(JsonParser parser, ReadSet reads, boolean measure) throws IOException {
        return new ResourceScan(parser, reads, measure).keep();
    }

    private boolean keep() throws IOException {
        String type = null;
        int types = 0;
        boolean typeKnown = true;
        ReadSet.Rule rule = null;
        String[] paths = reads.codePaths();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken token = parser.nextToken();
            if (field.equals("resourceType")) {
                types++;
                typeKnown = token == JsonToken.VALUE_STRING;
                type = typeKnown ? parser.getText() : null;
                skip(parser, measure);
                rule = type == null || types > 1 ? null : reads.rule(type);
                paths = rule == ReadSet.Rule.CODED ? reads.codePathsOf(type) : paths;
                continue;
            }
            String path = rule == ReadSet.Rule.NONE || rule == ReadSet.Rule.ALL ? null : ReadSet.pathOf(field, paths);
            if (path == null) {
                skip(parser, measure);
            } else {
                collect(path, token, true);
            }
        }
        if (type == null || !typeKnown || types > 1) {
            return true;
        }
        return switch (rule) {
            case NONE -> false;
            case ALL -> true;
            case CODED -> coded(type);
        };
    }

    private boolean coded(String type) {
        if (codes == null) {
            return false;
        }
        for (int i = 0; i < codesPaths.size(); i++) {
            String path = codesPaths.get(i);
            if (!reads.codePaths(type).contains(path)) {
                continue;
            }
            String code = codes.get(2 * i + 1);
            if (code == null || reads.reads(type, path, codes.get(2 * i), code)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Collects the system and code of every object under a code path's value that has a string {@code code}; a
     * {@code reference} (the codes are in another resource), a code that is not a string or a value that is no
     * object or array marks the path as unsettled (a null code), which keeps the resource.
     */
    private void collect(String path, JsonToken token, boolean top) throws IOException {
        if (token == JsonToken.START_ARRAY) {
            JsonToken element;
            while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
                collect(path, element, top);
            }
            return;
        }
        if (token != JsonToken.START_OBJECT) {
            if (top) {
                add(path, null, null);
            }
            skip(parser, measure);
            return;
        }
        String system = null;
        String code = null;
        boolean hasCode = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals("system") && value == JsonToken.VALUE_STRING) {
                system = parser.getText();
            } else if (field.equals("code")) {
                hasCode = true;
                code = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                skip(parser, measure);
            } else if (field.equals("reference")) {
                add(path, null, null);
                skip(parser, measure);
            } else if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                collect(path, value, false);
            } else {
                skip(parser, measure);
            }
        }
        if (hasCode) {
            add(path, system, code);
        }
    }

    private void add(String path, String system, String code) {
        if (codes == null) {
            codes = new ArrayList<>(4);
            codesPaths = new ArrayList<>(2);
        }
        codesPaths.add(path);
        codes.add(system);
        codes.add(code);
    }

    /**
     * Passes over the value the parser stands at; each level still counts against the nesting limit. With
     * {@code measure}, each string is decoded (without making a String) and measured against the JSON string-length
     * limit, as it would be if it were read. Without, strings are only tokenised: the caller knows none can be over
     * the limit (a string has no more characters than the bytes it is written in, and the body has fewer bytes than
     * the limit allows characters), and decoding every string of every resource left out was a third of the cost of
     * leaving it out.
     */
    static void skip(JsonParser parser, boolean measure) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_STRING) {
            if (measure) {
                measure(parser);
            }
            return;
        }
        if (token != JsonToken.START_OBJECT && token != JsonToken.START_ARRAY) {
            return;
        }
        int depth = 1;
        while (depth > 0) {
            token = parser.nextToken();
            if (token == null) {
                return;
            }
            switch (token) {
                case START_OBJECT, START_ARRAY -> depth++;
                case END_OBJECT, END_ARRAY -> depth--;
                case VALUE_STRING -> {
                    if (measure) {
                        measure(parser);
                    }
                }
                default -> {
                }
            }
        }
    }

    /**
     * The string-length limit for a string that is never made into a String: Jackson checks it when a String is
     * made (or a long string outgrows its buffer), so a string only measured is checked here, with the same limit.
     */
    private static void measure(JsonParser parser) throws IOException {
        int max = parser.streamReadConstraints().getMaxStringLength();
        int length = parser.getTextLength();
        if (length > max) {
            throw new StreamConstraintsException("String value length (" + length
                    + ") exceeds the maximum allowed (" + max + ")");
        }
    }
}
