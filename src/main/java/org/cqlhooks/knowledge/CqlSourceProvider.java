package org.cqlhooks.knowledge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kotlinx.io.Buffer;
import kotlinx.io.Source;
import kotlinx.io.Utf8Kt;
import org.cqframework.cql.cql2elm.LibrarySourceProvider;
import org.hl7.elm.r1.VersionedIdentifier;

/**
 * The CQL of the packages and of the bundled content, looked up by library name and version (the translator's
 * string provider matches a regular expression over every text for each lookup). An include without a version
 * gets the highest version there is.
 */
final class CqlSourceProvider implements LibrarySourceProvider {

    private final Map<String, List<CqlSource>> byName = new LinkedHashMap<>();

    CqlSourceProvider(List<CqlSource> sources) {
        for (CqlSource source : sources) {
            byName.computeIfAbsent(source.name(), n -> new ArrayList<>()).add(source);
        }
    }

    Optional<CqlSource> find(String name, String version) {
        List<CqlSource> candidates = byName.getOrDefault(name, List.of());
        if (version != null) {
            return candidates.stream().filter(s -> version.equals(s.version())).findFirst();
        }
        return candidates.stream().max(Comparator.comparing(s -> s.version() == null ? "" : s.version()));
    }

    @Override
    public Source getLibrarySource(VersionedIdentifier id) {
        return find(id.getId(), id.getVersion()).map(s -> {
            Buffer buffer = new Buffer();
            Utf8Kt.writeString(buffer, s.text(), 0, s.text().length());
            return (Source) buffer;
        }).orElse(null);
    }
}
