package org.cqlhooks.catalog;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cqlhooks.cql.CqlEvaluator;
import org.cqlhooks.cql.Evaluation;
import org.cqlhooks.cql.LibraryCheck;
import org.cqlhooks.cql.LibraryResult;

/**
 * Content that cannot evaluate is never served, not at start-up and not after a reload: a rule that would fail on
 * every call must not sit behind a health check that says UP. Once the content is loaded, this gathers what each part
 * found (CQL that does not translate, a ValueSet or code system no library can resolve, a broken service or card
 * file, a site parameter outside its range) and, when all of that is sound, evaluates every service once over an
 * empty record. The caller throws one message that lists them all.
 */
final class ContentCheck {

    private ContentCheck() {
    }

    /** Every problem of the content, in the order a site would fix them: CQL, terminology, services, settings. */
    static List<String> problems(ContentSnapshot content, ContentSources sources) {
        List<String> problems = new ArrayList<>(content.libraries().problems());
        problems.addAll(content.terminology().problems());
        problems.addAll(new LibraryCheck(content.libraries(), content.terminology(),
                sources.content().externalCodeSystems(), CqlEvaluator.EXTERNAL_FUNCTIONS).problems());
        problems.addAll(content.catalog().problems());
        problems.addAll(content.parameters().problems());
        if (problems.isEmpty()) {
            problems.addAll(dryRun(content, sources));
        }
        return problems;
    }

    /** Each service over a record with nothing in it: what fails here fails on every call. */
    private static List<String> dryRun(ContentSnapshot content, ContentSources sources) {
        List<String> problems = new ArrayList<>();
        for (CdsService service : content.catalog().all()) {
            if (service.isPlanDefinition()) {
                continue; // applied to an empty record when its package loaded
            }
            Map<String, LibraryResult> results = content.evaluator().evaluate(new Evaluation(
                    service.definitionsByLibrary(), "content-check", List.of(), ZonedDateTime.now(sources.clock())));
            results.forEach((library, result) -> {
                if (result.failed()) {
                    // Engine messages can quote data; there is none here, only the content's own text.
                    problems.add("library " + library + " (service " + service.id() + ") fails to evaluate even "
                            + "for an empty record: " + result.failure().getClass().getSimpleName() + ": "
                            + result.failure().getMessage());
                }
            });
        }
        return problems.stream().distinct().toList();
    }
}
