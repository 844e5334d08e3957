package org.cqlhooks.knowledge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * Writes an IG source folder as a FHIR NPM package, the way the IG publisher does for the parts this server
 * reads: {@code package/package.json} and one {@code package/<Type>-<id>.json} per resource, each Library with
 * its CQL embedded as base64 {@code text/cql} content instead of an {@code ig-loader-} reference.
 */
final class NpmPackageWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private NpmPackageWriter() {
    }

    static Path write(Path igFolder, Path tgz, String name) throws IOException {
        try (OutputStream file = Files.newOutputStream(tgz);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(file))) {
            ObjectNode manifest = JSON.createObjectNode().put("name", name).put("version", "1.0.0")
                    .put("type", "fhir.ig").put("canonical", "http://example.org/fhir/lab-safety");
            manifest.putArray("fhirVersions").add("4.0.1");
            add(tar, "package/package.json", JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
            for (Path json : resources(igFolder)) {
                ObjectNode resource = (ObjectNode) JSON.readTree(json.toFile());
                if (resource.path("resourceType").asText().equals("Library")) {
                    embedCql(resource, igFolder.resolve("input/cql"));
                }
                String entry = "package/" + resource.get("resourceType").asText() + "-" + resource.get("id").asText()
                        + ".json";
                add(tar, entry, JSON.writeValueAsBytes(resource));
            }
        }
        return tgz;
    }

    private static List<Path> resources(Path igFolder) throws IOException {
        try (Stream<Path> resources = Files.walk(igFolder.resolve("input/resources"));
                Stream<Path> vocabulary = Files.walk(igFolder.resolve("input/vocabulary"))) {
            return Stream.concat(resources, vocabulary).filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static void embedCql(ObjectNode library, Path cqlFolder) throws IOException {
        Path cql = cqlFolder.resolve(library.get("name").asText() + ".cql");
        ArrayNode content = library.putArray("content");
        content.addObject().put("contentType", "text/cql")
                .put("data", Base64.getEncoder().encodeToString(Files.readAllBytes(cql)));
    }

    private static void add(TarArchiveOutputStream tar, String name, byte[] bytes) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(bytes.length);
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }
}
