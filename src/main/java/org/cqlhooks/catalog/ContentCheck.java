package org.cqlhooks.catalog;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cqlhooks.content.ContentException;
import org.cqlhooks.content.ContentProperties;
import org.cqlhooks.cql.CqlEvaluator;
import org.cqlhooks.cql.CqlLibraries;
import org.cqlhooks.cql.CqlParameters;
import org.cqlhooks.cql.Evaluation;
import org.cqlhooks.cql.LibraryCheck;
import org.cqlhooks.cql.LibraryResult;
import org.cqlhooks.cql.ValueSetTerminology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Content that cannot evaluate never starts: a rule that would fail on every call must not sit behind a health check
 * that says UP. Once every content bean is built, this gathers
 * what each found (CQL that does not translate, a ValueSet or code system no library can resolve, a broken service
 * file, a site parameter outside its range) and, when all of that is sound, evaluates every service once over an
 * empty record. Any problem stops the start with one message that lists them all, before the server accepts a call.
 */
@Component
class ContentCheck implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(ContentCheck.class);

    private final ContentProperties content;
    private final CqlLibraries libraries;
    private final ValueSetTerminology terminology;
    private final ServiceCatalog catalog;
    private final CqlParameters parameters;
    private final CqlEvaluator evaluator;
    private final Clock clock;

    ContentCheck(ContentProperties content, CqlLibraries libraries, ValueSetTerminology terminology,
            ServiceCatalog catalog, CqlParameters parameters, CqlEvaluator evaluator, Clock clock) {
        this.content = content;
        this.libraries = libraries;
        this.terminology = terminology;
        this.catalog = catalog;
        this.parameters = parameters;
        this.evaluator = evaluator;
        this.clock = clock;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<String> problems = problems();
        ContentException.throwIfAny(problems);
        log.info("Content checked: {} CQL libraries, {} services, every ValueSet and code system known, each "
                + "service evaluates", libraries.all().size(), catalog.all().size());
    }

    /** Every problem of the content, in the order a site would fix them: CQL, terminology, services, settings. */
    List<String> problems() {
        List<String> problems = new ArrayList<>(libraries.problems());
        problems.addAll(terminology.problems());
        problems.addAll(new LibraryCheck(libraries, terminology, content.externalCodeSystems(),
                CqlEvaluator.EXTERNAL_FUNCTIONS).problems());
        problems.addAll(catalog.problems());
        problems.addAll(parameters.problems());
        if (problems.isEmpty()) {
            problems.addAll(dryRun());
        }
        return problems;
    }

    /** Each service over a record with nothing in it: what fails here fails on every call. */
    private List<String> dryRun() {
        List<String> problems = new ArrayList<>();
        for (CdsService service : catalog.all()) {
            if (service.isPlanDefinition()) {
                continue; // applied to an empty record when its package loaded
            }
            Map<String, LibraryResult> results = evaluator.evaluate(new Evaluation(service.definitionsByLibrary(),
                    "content-check", List.of(), ZonedDateTime.now(clock)));
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
