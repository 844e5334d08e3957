package org.cqlhooks.content;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cqframework.cql.elm.visiting.FunctionalElmVisitor;
import org.cqlhooks.catalog.CdsService;
import org.cqlhooks.cql.CqlLibraries;
import org.cqlhooks.cql.ParameterRange;
import org.cqlhooks.testing.CardChecks;
import org.cqlhooks.testing.TestContent;
import org.hl7.elm.r1.Element;
import org.hl7.elm.r1.ExpressionDef;
import org.hl7.elm.r1.ExpressionRef;
import org.hl7.elm.r1.FunctionDef;
import org.hl7.elm.r1.FunctionRef;
import org.hl7.elm.r1.IncludeDef;
import org.hl7.elm.r1.Library;
import org.hl7.elm.r1.Literal;
import org.hl7.elm.r1.ParameterDef;
import org.hl7.elm.r1.ParameterRef;

/**
 * Writes docs/card-catalogue.md from the content: for every card of every rule family, the card file's ID, title,
 * indicator, evidence label and source; the comment above the CQL definition that fires it (the trigger in words);
 * and the thresholds that definition reads, found in its compiled ELM: the family's named constants (a definition
 * that is a literal) and the site parameters of the Config library, with their defaults and ranges. Nothing is
 * written by hand, so the page cannot drift from the CQL.
 */
final class CardCatalogue {

    static final Path PAGE = Path.of("docs/card-catalogue.md");
    private static final Set<String> INDICATORS = Set.of("info", "warning", "critical");
    private static final Pattern PLACEHOLDER = Pattern.compile("^\\$\\{([^}]+)}$");

    private final CqlLibraries libraries = TestContent.libraries();
    private final Map<String, ParameterRange> ranges;

    CardCatalogue(Map<String, ParameterRange> ranges) {
        this.ranges = ranges;
    }

    /** The page. */
    String markdown() {
        StringBuilder page = new StringBuilder("""
                # Card catalogue

                Generated from the content by `CardCatalogueTest` (`src/test/java/org/cqlhooks/content/`); do not edit.
                Each rule family is a CQL library in `cql/` with its cards in `hooks/cards/<Library>.json`. *Fires
                when* is the comment above the CQL definition that fires the card; *thresholds* are the named
                constants and site parameters that definition reads, with the values the CQL gives them (site
                parameters: default and allowed range, set as `cds.cql.parameters.<name>`, see the README's Content
                parameters). Card text reads the same definitions, so it states these values.

                """);
        for (Map.Entry<String, List<CdsService>> family : families().entrySet()) {
            String library = family.getKey();
            page.append("## ").append(library).append("\n\n")
                    .append("`cql/").append(library).append(".cql`, `hooks/cards/").append(library)
                    .append(".json`; served by ")
                    .append(String.join(", ", family.getValue().stream().map(s -> "`" + s.id() + "`").toList()))
                    .append(".\n\n")
                    .append("| card | indicator | fires when | thresholds | evidence label | source |\n")
                    .append("|---|---|---|---|---|---|\n");
            for (CardRule card : family.getValue().get(0).definition().cards()) {
                if (library.equals(card.library())) {
                    page.append(row(library, card)).append('\n');
                }
            }
            page.append('\n');
        }
        return page.toString().stripTrailing() + "\n";
    }

    /** Each family (a library whose cards a non-composite service offers) and the services offering it. */
    private Map<String, List<CdsService>> families() {
        Map<String, List<CdsService>> families = new TreeMap<>();
        for (CdsService service : TestContent.catalog().all()) {
            if (!service.definition().isComposite()) {
                service.definition().cards().forEach(card -> {
                    List<CdsService> offering = families.computeIfAbsent(card.library(), l -> new ArrayList<>());
                    if (!offering.contains(service)) {
                        offering.add(service);
                    }
                });
            }
        }
        return families;
    }

    private String row(String library, CardRule card) {
        Map<String, String> thresholds = new LinkedHashMap<>();
        Set<String> seen = new LinkedHashSet<>();
        collect(library, card.when(), seen, thresholds);
        // A computed indicator or label reads thresholds of its own (VITD-HIGH: warning above a second limit).
        for (String field : List.of(card.indicator(), card.evidence())) {
            Matcher m = PLACEHOLDER.matcher(field);
            if (m.matches()) {
                collect(library, m.group(1), seen, thresholds);
            }
        }
        List<String> sorted = new ArrayList<>(thresholds.values().stream().filter(t -> !t.startsWith("site")).toList());
        sorted.addAll(thresholds.values().stream().filter(t -> t.startsWith("site") && t.contains("allowed")).toList());
        sorted.addAll(thresholds.values().stream().filter(t -> t.startsWith("site") && !t.contains("allowed")).toList());
        String source = card.source().url() == null ? card.source().label()
                : "[" + card.source().label() + "](" + card.source().url() + ")";
        return "| `" + card.id() + "`<br>" + card.title() + " | " + values(library, card.indicator(), INDICATORS)
                + " | " + trigger(library, card.when()) + " | "
                + (sorted.isEmpty() ? "none" : String.join("<br>", sorted)) + " | " + values(library, card.evidence(), CardChecks.EVIDENCE_LABELS)
                + " | " + cell(source) + " |";
    }

    /** A literal field, or for a {@code ${definition}} the values of that kind the definition can yield. */
    private String values(String library, String field, Set<String> kinds) {
        Matcher m = PLACEHOLDER.matcher(field);
        if (!m.matches()) {
            return field;
        }
        Set<String> found = new LinkedHashSet<>();
        visit(libraries.expression(library, m.group(1)).orElseThrow(), element -> {
            if (element instanceof Literal literal && kinds.contains(literal.getValue())) {
                found.add(literal.getValue());
            }
        });
        return String.join(" / ", found) + " (`" + m.group(1) + "`)";
    }

    /**
     * The constants and parameters a definition reads, following the family's own definitions and functions and
     * the Config library's (the Common library's functions are generic: they take thresholds, they hold none).
     */
    private void collect(String library, String name, Set<String> seen, Map<String, String> out) {
        if (!seen.add(library + "." + name)) {
            return;
        }
        Library elm = libraries.find(library).orElseThrow().getLibrary();
        List<ExpressionDef> defs = elm.getStatements().getDef().stream().filter(d -> d.getName().equals(name)).toList();
        for (ExpressionDef def : defs) {
            if (def.getExpression() instanceof Literal literal && !(def instanceof FunctionDef)) {
                out.putIfAbsent(library + "." + name, "`" + name + "` = " + plain(literal.getValue()));
                continue;
            }
            visit(def, element -> {
                if (element instanceof ParameterRef p) {
                    parameter(owner(elm, library, p.getLibraryName()), p.getName(), out);
                } else if (element instanceof ExpressionRef ref && !(element instanceof FunctionRef)) {
                    String owner = owner(elm, library, ref.getLibraryName());
                    if (owner != null && !owner.equals("PainCdsCommon")) {
                        collect(owner, ref.getName(), seen, out);
                    }
                } else if (element instanceof FunctionRef f && f.getLibraryName() == null) {
                    collect(library, f.getName(), seen, out);
                }
            });
        }
    }

    private void parameter(String library, String name, Map<String, String> out) {
        ParameterDef def = libraries.find(library).orElseThrow().getLibrary().getParameters().getDef().stream()
                .filter(p -> p.getName().equals(name)).findFirst().orElseThrow();
        String value = def.getDefault() instanceof Literal literal ? plain(literal.getValue()) : "no default";
        ParameterRange range = ranges.get(library + "." + name);
        out.putIfAbsent(library + "." + name, "site `" + name + "` = " + value
                + (range == null || range.type().equals("Boolean") ? "" : ", allowed " + range.describe()));
    }

    /** The library an alias names (null: the library itself); null for libraries outside the content. */
    private String owner(Library elm, String library, String alias) {
        if (alias == null) {
            return library;
        }
        for (IncludeDef include : elm.getIncludes().getDef()) {
            if (alias.equals(include.getLocalIdentifier())) {
                return libraries.find(include.getPath()).isPresent() ? include.getPath() : null;
            }
        }
        return null;
    }

    /** The comment above the definition in the library's source, in one line. */
    private static String trigger(String library, String definition) {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of("cql", library + ".cql"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String start = "define \"" + definition + "\":";
        int at = -1;
        for (int i = 0; i < lines.size() && at < 0; i++) {
            at = lines.get(i).startsWith(start) ? i : -1;
        }
        if (at < 0) {
            throw new AssertionError("cql/" + library + ".cql: no line 'define \"" + definition + "\":'");
        }
        List<String> comment = new ArrayList<>();
        int i = at - 1;
        if (i >= 0 && lines.get(i).strip().endsWith("*/")) {
            while (i >= 0 && !lines.get(i).contains("/*")) {
                comment.add(0, lines.get(i--));
            }
            if (i >= 0) {
                comment.add(0, lines.get(i));
            }
        } else {
            while (i >= 0 && lines.get(i).strip().startsWith("//")) {
                comment.add(0, lines.get(i--));
            }
        }
        String text = String.join(" ", comment.stream().map(line -> line.strip().replaceAll("^(/\\*+|//|\\*)\\s*", "")
                .replaceAll("\\s*\\*/$", "")).toList()).strip();
        if (text.isEmpty()) {
            throw new AssertionError("cql/" + library + ".cql: say in a comment above \"" + definition
                    + "\" when the card fires (the card catalogue shows it)");
        }
        return cell(text);
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    private static String plain(String value) {
        try {
            BigDecimal d = new BigDecimal(value).stripTrailingZeros();
            return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
        } catch (NumberFormatException e) {
            return value;
        }
    }

    private static void visit(Element root, java.util.function.Consumer<Element> each) {
        FunctionalElmVisitor.<Object, Object>from((Element element, Object context) -> {
            each.accept(element);
            return null;
        }).visitElement(root, null);
    }
}
