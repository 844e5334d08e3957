package org.cqlhooks.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;

/**
 * A Synthea transaction Bundle turned into what an EHR would hold: urn:uuid references rewritten to Type/id,
 * resources keyed by their own ids.
 */
public final class Synthea {

    public static final String MARGERY = "/fixtures/synthea/Margery_Gibson.json";
    private static final Pattern URN = Pattern.compile("\"fullUrl\"\\s*:\\s*\"urn:uuid:([0-9a-f-]+)\"[^{]*\\{\\s*\"resourceType\"\\s*:\\s*\"([A-Za-z]+)\"");

    private Synthea() {
    }

    /** The patient's resources, references rewritten to relative Type/id form. */
    public static List<IBaseResource> load(String classpathResource) {
        String text = read(classpathResource);
        Matcher m = URN.matcher(text);
        while (m.find()) {
            text = text.replace("\"urn:uuid:" + m.group(1) + "\"", "\"" + m.group(2) + "/" + m.group(1) + "\"");
        }
        Bundle bundle = (Bundle) TestContent.FHIR.newJsonParser().parseResource(text);
        return bundle.getEntry().stream().map(e -> (IBaseResource) e.getResource()).toList();
    }

    public static String patientId(List<IBaseResource> resources) {
        return resources.stream().filter(r -> r.fhirType().equals("Patient")).findFirst()
                .map(r -> r.getIdElement().getIdPart()).orElseThrow();
    }

    private static String read(String classpathResource) {
        try (InputStream in = Synthea.class.getResourceAsStream(classpathResource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + classpathResource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
