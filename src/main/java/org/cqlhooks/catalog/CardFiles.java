package org.cqlhooks.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cqlhooks.content.CardFile;
import org.cqlhooks.content.ContentFiles.ContentFile;
import org.cqlhooks.cql.CqlLibraries;

/**
 * The card files of the rule families: hooks/cards/&lt;Library&gt;.json, one per CQL library that fires cards. A
 * service offers the cards of each library it runs, so a family's cards are written once, beside its CQL, and every
 * service running the family (the all-in-one too) shows the same cards. Problems name the file and the field.
 */
final class CardFiles {

    static final String FOLDER = "cards/";

    /** A read card file and the name messages give it. */
    record Placed(String path, CardFile file) {
    }

    private final Map<String, Placed> byLibrary = new LinkedHashMap<>();

    /** The card files read from the cards folder. */
    CardFiles(List<ContentFile> files, ObjectMapper strict, CqlLibraries libraries, List<String> problems) {
        for (ContentFile file : files) {
            String path = "hooks/" + FOLDER + file.name();
            CardFile cards = parse(strict, file, path, problems);
            if (cards == null) {
                continue;
            }
            String library = libraryOf(file);
            if (!library.equals(cards.library())) {
                problems.add(path + ": library: must name the library the file is named for ('" + library + "')");
            } else if (libraries.find(library).isEmpty() && !libraries.failed(library)) {
                problems.add(path + ": library: no CQL library '" + library + "' in cql/");
            } else if (cards.cards() == null || cards.cards().isEmpty()) {
                problems.add(path + ": cards: declare at least one card");
            } else {
                for (int i = 0; i < cards.cards().size(); i++) {
                    String named = cards.cards().get(i) == null ? null : cards.cards().get(i).library();
                    if (named != null && !named.equals(library)) {
                        problems.add(path + ": cards[" + i + "].library: leave it out (the file is the library's)");
                    }
                }
                byLibrary.put(library, new Placed(path, cards));
            }
        }
    }

    /** The library a card file is named for: hooks/cards/&lt;Library&gt;.json. */
    static String libraryOf(ContentFile file) {
        return file.name().replaceFirst("\\.json$", "");
    }

    /** The card file of a library, if it has one. */
    Optional<Placed> of(String library) {
        return Optional.ofNullable(byLibrary.get(library));
    }

    /** Card files no service runs: their cards could never be shown. */
    List<String> unused(List<String> librariesRun) {
        List<String> unused = new ArrayList<>();
        byLibrary.forEach((library, placed) -> {
            if (!librariesRun.contains(library)) {
                unused.add(placed.path() + ": no service in hooks/ runs library '" + library + "'");
            }
        });
        return unused;
    }

    private static CardFile parse(ObjectMapper mapper, ContentFile file, String path, List<String> problems) {
        try {
            return mapper.readValue(file.text(), CardFile.class);
        } catch (JsonMappingException e) {
            problems.add(path + ": " + ServiceCatalog.path(e) + ": " + ServiceCatalog.mappingProblem(e));
        } catch (JsonProcessingException e) {
            problems.add(path + " is not valid JSON: " + e.getOriginalMessage());
        }
        return null;
    }
}
