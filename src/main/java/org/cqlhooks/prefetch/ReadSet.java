package org.cqlhooks.prefetch;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The resources some rule of a service can read, decided from a resource's type and codes alone, so the others can
 * be left out of a request before HAPI parses them. Per resource type: nothing (no retrieve reads the type), every
 * resource, or those whose code path (its JSON field, {@code code} or a choice such as {@code medication[x]}) holds
 * one of the codes the retrieves name. Built once per service from its compiled libraries (the catalogue does it);
 * immutable, so calls share it without locking.
 *
 * <p>Medications are read whenever a medication order, statement, dispense or administration is: those may name a
 * Medication resource whose codes are copied in before the rules run ({@link MedicationReferences}).
 */
public final class ReadSet {

    /** A service whose data needs are not known: nothing is left out. */
    public static final ReadSet EVERYTHING = new ReadSet(true, Map.of(), Set.of());

    private static final String[] NO_PATHS = {};
    private static final Set<String> MEDICATION_USES = Set.of("MedicationRequest", "MedicationStatement",
            "MedicationDispense", "MedicationAdministration");

    /** How one resource type is read. */
    enum Rule {
        /** No rule reads it. */
        NONE,
        /** Some retrieve reads every resource of it. */
        ALL,
        /** Only resources with one of the codes at a code path. */
        CODED
    }

    private final boolean everything;
    /** Type to code path to code to the systems it is read with; an empty map: every resource of the type. */
    private final Map<String, Map<String, Map<String, Set<String>>>> types;
    /** Every type's code paths, and each coded type's own: arrays, looked through for every field of a resource. */
    private final String[] codePaths;
    private final Map<String, String[]> codePathsByType;

    private ReadSet(boolean everything, Map<String, Map<String, Map<String, Set<String>>>> types,
            Set<String> codePaths) {
        this.everything = everything;
        this.types = types;
        this.codePaths = codePaths.toArray(String[]::new);
        Map<String, String[]> byType = new HashMap<>();
        types.forEach((type, paths) -> byType.put(type, paths.keySet().toArray(String[]::new)));
        this.codePathsByType = Collections.unmodifiableMap(byType);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether nothing is ever left out. */
    public boolean everything() {
        return everything;
    }

    Rule rule(String resourceType) {
        if (everything) {
            return Rule.ALL;
        }
        Map<String, Map<String, Set<String>>> paths = types.get(resourceType);
        return paths == null ? Rule.NONE : paths.isEmpty() ? Rule.ALL : Rule.CODED;
    }

    /** The code paths of {@code resourceType}'s coded retrieves. */
    Set<String> codePaths(String resourceType) {
        Map<String, Map<String, Set<String>>> paths = types.get(resourceType);
        return paths == null ? Set.of() : paths.keySet();
    }

    /** The code paths of every type's coded retrieves (the caller must not change the array). */
    String[] codePaths() {
        return codePaths;
    }

    /** The code paths of {@code resourceType}'s coded retrieves (the caller must not change the array). */
    String[] codePathsOf(String resourceType) {
        return codePathsByType.getOrDefault(resourceType, NO_PATHS);
    }

    /** The one of {@code paths} that a JSON field is ({@code medicationReference} is {@code medication}), or null. */
    static String pathOf(String field, String[] paths) {
        for (String path : paths) {
            if (field.startsWith(path) && (field.length() == path.length()
                    || Character.isUpperCase(field.charAt(path.length())))) {
                return path;
            }
        }
        return null;
    }

    /** Whether a coded retrieve of the type reads the code (system may be null) at that path. */
    boolean reads(String resourceType, String codePath, String system, String code) {
        Map<String, Map<String, Set<String>>> paths = types.get(resourceType);
        Map<String, Set<String>> codes = paths == null ? null : paths.get(codePath);
        Set<String> systems = codes == null || code == null ? null : codes.get(code.trim());
        return systems != null && systems.contains(system == null ? null : system.trim());
    }

    @Override
    public String toString() {
        return everything ? "ReadSet[everything]" : "ReadSet" + types.keySet();
    }

    /** Collects what the retrieves read. */
    public static final class Builder {
        private boolean everything;
        private final Map<String, Map<String, Map<String, Set<String>>>> types = new HashMap<>();
        private final Set<String> all = new HashSet<>();

        private Builder() {
        }

        /** Nothing can be left out. */
        public Builder everything() {
            everything = true;
            return this;
        }

        /** Every resource of the type is read. */
        public Builder everyResource(String type) {
            all.add(type);
            return this;
        }

        /** Resources of the type whose code path holds system|code are read. */
        public Builder code(String type, String codePath, String system, String code) {
            types.computeIfAbsent(type, t -> new HashMap<>()).computeIfAbsent(codePath, p -> new HashMap<>())
                    .computeIfAbsent(code.trim(), c -> new HashSet<>()).add(system == null ? null : system.trim());
            return this;
        }

        public ReadSet build() {
            if (everything) {
                return EVERYTHING;
            }
            if (MEDICATION_USES.stream().anyMatch(type -> all.contains(type) || types.containsKey(type))) {
                all.add("Medication");
            }
            Map<String, Map<String, Map<String, Set<String>>>> frozen = new HashMap<>();
            Set<String> paths = new LinkedHashSet<>();
            types.forEach((type, byPath) -> {
                if (!all.contains(type)) {
                    Map<String, Map<String, Set<String>>> copy = new HashMap<>();
                    byPath.forEach((path, codes) -> {
                        Map<String, Set<String>> codesCopy = new HashMap<>();
                        codes.forEach((code, systems) -> codesCopy.put(code, Collections.unmodifiableSet(systems)));
                        copy.put(path, Collections.unmodifiableMap(codesCopy));
                        paths.add(path);
                    });
                    frozen.put(type, Collections.unmodifiableMap(copy));
                }
            });
            all.forEach(type -> frozen.put(type, Map.of()));
            return new ReadSet(false, Collections.unmodifiableMap(frozen), Collections.unmodifiableSet(paths));
        }
    }
}
