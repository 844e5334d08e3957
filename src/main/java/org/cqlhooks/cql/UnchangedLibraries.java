package org.cqlhooks.cql;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.cqframework.cql.cql2elm.model.CompiledLibrary;
import org.hl7.elm.r1.IncludeDef;
import org.hl7.elm.r1.VersionedIdentifier;

/**
 * The compiled libraries of the previous load that a reload can keep instead of translating them again: a library
 * whose source is word for word the same and every library it includes (transitively) kept too. A change to one
 * family's CQL then translates that family alone; a change to a shared library, every library that includes it.
 */
final class UnchangedLibraries {

    private final Map<String, CompiledLibrary> previous;
    private final Map<String, String> previousText;
    private final Map<String, String> text;
    private final Map<String, Boolean> kept = new HashMap<>();

    /** Library name to its compiled form and source text, before; and to its source text now. */
    private UnchangedLibraries(Map<String, CompiledLibrary> previous, Map<String, String> previousText,
            Map<String, String> text) {
        this.previous = previous;
        this.previousText = previousText;
        this.text = text;
    }

    /** The entries of the previous library manager's cache to seed the new one with. */
    static Map<VersionedIdentifier, CompiledLibrary> of(Map<VersionedIdentifier, CompiledLibrary> previousCache,
            Map<String, CompiledLibrary> previous, Map<String, String> previousText, Map<String, String> text) {
        UnchangedLibraries unchanged = new UnchangedLibraries(previous, previousText, text);
        Map<VersionedIdentifier, CompiledLibrary> seed = new HashMap<>();
        previousCache.forEach((id, compiled) -> {
            if (previous.containsKey(id.getId()) && unchanged.keeps(id.getId())) {
                seed.put(id, compiled);
            }
        });
        return seed;
    }

    private boolean keeps(String name) {
        Boolean known = kept.get(name);
        if (known != null) {
            return known;
        }
        kept.put(name, false); // an include cycle does not translate, so it was never compiled; guard anyway
        CompiledLibrary compiled = previous.get(name);
        boolean same = Objects.equals(previousText.get(name), text.get(name))
                && (compiled.getLibrary().getIncludes() == null || compiled.getLibrary().getIncludes().getDef()
                        .stream().map(IncludeDef::getPath).allMatch(this::includeKept));
        kept.put(name, same);
        return same;
    }

    /** An include of the content's own is kept when it is; one from elsewhere (FHIRHelpers) always is. */
    private boolean includeKept(String name) {
        if (previous.containsKey(name)) {
            return keeps(name);
        }
        return !text.containsKey(name) && !previousText.containsKey(name);
    }
}
