package org.cqlhooks.bench;

import ca.uhn.fhir.parser.IParser;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.cqlhooks.testing.Requests;
import org.cqlhooks.testing.TestContent;

/**
 * What a call cannot be faster than, measured in the load generator's JVM on the same request body (warmed up,
 * median of 200): reading its bytes once with Jackson's tokeniser, and HAPI's parser on its prefetch values.
 */
final class Floors {

    private static final JsonFactory JSON = new JsonFactory();
    private static final int ROUNDS = 200;
    /** Keeps the JIT from dropping the token loop. */
    private static volatile long tokensSeen;

    private Floors() {
    }

    /** Every token of the body, once, as the server's request reader meets them: the bytes read once. */
    static double tokens(String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        double[] times = new double[ROUNDS];
        long seen = 0;
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < times.length; i++) {
                long t = System.nanoTime();
                try (JsonParser parser = JSON.createParser(bytes)) {
                    while (parser.nextToken() != null) {
                        seen++;
                    }
                }
                times[i] = (System.nanoTime() - t) / 1e6;
            }
        }
        tokensSeen = seen;
        Arrays.sort(times);
        return times[times.length / 2];
    }

    /** HAPI's JSON parser alone on each prefetch value (the floor of the benchmark's first rounds). */
    static double hapiParse(String body) throws IOException {
        JsonNode prefetch = Requests.JSON.readTree(body).get("prefetch");
        List<String> values = new ArrayList<>();
        prefetch.forEach(v -> {
            if (v.isObject()) {
                values.add(v.toString());
            }
        });
        double[] times = new double[ROUNDS];
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < times.length; i++) {
                long t = System.nanoTime();
                for (String v : values) {
                    IParser parser = TestContent.FHIR.newJsonParser();
                    parser.parseResource(v);
                }
                times[i] = (System.nanoTime() - t) / 1e6;
            }
        }
        Arrays.sort(times);
        return times[times.length / 2];
    }
}
