package org.cqlhooks.knowledge;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Library;

/**
 * Where a Library's CQL is: its {@code text/cql} content (as published in an NPM package), or, in an IG source
 * folder, the file in {@code input/cql} that its {@code ig-loader-} content names or that carries its name. The
 * CQL is what is compiled: ELM in the resource is dropped, so every library is translated here, by one translator.
 */
final class LibraryContent {

    static final String CQL = "text/cql";
    private static final String IG_LOADER = "ig-loader-";

    private LibraryContent() {
    }

    /**
     * @param cqlFiles the package's input/cql files by file name (empty for NPM packages and plain folders)
     */
    static Optional<String> cqlOf(Library library, Map<String, PackageFile> cqlFiles) {
        for (Attachment content : library.getContent()) {
            if (content.hasData() && content.getContentType() != null && content.getContentType().startsWith(CQL)) {
                return Optional.of(new String(content.getData(), StandardCharsets.UTF_8));
            }
        }
        for (Attachment content : library.getContent()) {
            String id = content.getId();
            if (id != null && id.startsWith(IG_LOADER) && cqlFiles.containsKey(id.substring(IG_LOADER.length()))) {
                return Optional.of(cqlFiles.get(id.substring(IG_LOADER.length())).text());
            }
            if (content.hasUrl() && content.getUrl().endsWith(".cql")) {
                String file = content.getUrl().substring(content.getUrl().lastIndexOf('/') + 1);
                if (cqlFiles.containsKey(file)) {
                    return Optional.of(cqlFiles.get(file).text());
                }
            }
        }
        String name = library.hasName() ? library.getName() : library.getIdElement().getIdPart();
        return Optional.ofNullable(cqlFiles.get(name + ".cql")).map(PackageFile::text);
    }

    /** Replaces the Library's content by the CQL alone, as the engine's repository library source reads it. */
    static void setCql(Library library, String cql) {
        library.getContent().clear();
        library.addContent().setContentType(CQL).setData(cql.getBytes(StandardCharsets.UTF_8));
    }

    /** Libraries that carry logic (not data requirements, models or asset collections). */
    static boolean isLogic(Library library) {
        return !library.hasType() || library.getType().getCoding().stream()
                .anyMatch(c -> "logic-library".equals(c.getCode()));
    }
}
