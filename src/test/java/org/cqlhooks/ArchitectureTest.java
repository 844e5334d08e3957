package org.cqlhooks;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package rules of docs/architecture.md: imports flow one way, like the request (web → invocation →
 * {prefetch, cql, cards} → content and wire), no package cycle, cross-cutting pieces (trust, http, ops, governance,
 * reload) imported by nothing in the data path, and the data path (the command line and the case runner with it)
 * free of servlet, Spring MVC and HTTP types.
 */
@AnalyzeClasses(packages = "org.cqlhooks", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The packages the data path is made of: what a call without HTTP (a CLI, a test) runs. */
    private static final String[] DATA_PATH = {"org.cqlhooks.cli..", "org.cqlhooks.cases..",
        "org.cqlhooks.invocation..", "org.cqlhooks.feedback..", "org.cqlhooks.evaluation..", "org.cqlhooks.catalog..",
        "org.cqlhooks.knowledge..", "org.cqlhooks.prefetch..", "org.cqlhooks.cards..",
        "org.cqlhooks.cql..", "org.cqlhooks.content..", "org.cqlhooks.wire.."};

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("org.cqlhooks.(*)..").should().beFreeOfCycles();

    /**
     * Each layer names who may use it; anything else is an upward (or sideways) import and fails. Web, demo and the
     * command line (cli, started by the application's main, which reads its settings) are the entry points; trust,
     * http, ops and reload hook in through Spring; the rest is the data path, top to bottom, with the case runner
     * (cases) beside invocation. Wire is the bottom: every layer may use it, and the rules above keep it from using
     * any.
     */
    @ArchTest
    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Application").definedBy("org.cqlhooks")
            .layer("Web").definedBy("org.cqlhooks.web..")
            .layer("Demo").definedBy("org.cqlhooks.demo..")
            .layer("Trust").definedBy("org.cqlhooks.trust..")
            .layer("Http").definedBy("org.cqlhooks.http..")
            .layer("Ops").definedBy("org.cqlhooks.ops..")
            .layer("Governance").definedBy("org.cqlhooks.governance..")
            .layer("Reload").definedBy("org.cqlhooks.reload..")
            .layer("Cli").definedBy("org.cqlhooks.cli..")
            .layer("Cases").definedBy("org.cqlhooks.cases..")
            .layer("Invocation").definedBy("org.cqlhooks.invocation..")
            .layer("Feedback").definedBy("org.cqlhooks.feedback..")
            .layer("Evaluation").definedBy("org.cqlhooks.evaluation..")
            .layer("Catalog").definedBy("org.cqlhooks.catalog..")
            .layer("Knowledge").definedBy("org.cqlhooks.knowledge..")
            .layer("Prefetch").definedBy("org.cqlhooks.prefetch..")
            .layer("Cards").definedBy("org.cqlhooks.cards..")
            .layer("Cql").definedBy("org.cqlhooks.cql..")
            .layer("Content").definedBy("org.cqlhooks.content..")
            .layer("Wire").definedBy("org.cqlhooks.wire..")
            .whereLayer("Application").mayNotBeAccessedByAnyLayer()
            .whereLayer("Web").mayNotBeAccessedByAnyLayer()
            .whereLayer("Demo").mayNotBeAccessedByAnyLayer()
            .whereLayer("Trust").mayOnlyBeAccessedByLayers("Demo", "Governance")
            .whereLayer("Http").mayNotBeAccessedByAnyLayer()
            .whereLayer("Ops").mayNotBeAccessedByAnyLayer()
            .whereLayer("Governance").mayOnlyBeAccessedByLayers("Web")
            .whereLayer("Reload").mayNotBeAccessedByAnyLayer()
            .whereLayer("Cli").mayOnlyBeAccessedByLayers("Application")
            .whereLayer("Cases").mayOnlyBeAccessedByLayers("Cli")
            .whereLayer("Invocation").mayOnlyBeAccessedByLayers("Web", "Http", "Ops", "Governance", "Cli", "Cases")
            .whereLayer("Feedback").mayOnlyBeAccessedByLayers("Web", "Ops", "Governance")
            .whereLayer("Evaluation").mayOnlyBeAccessedByLayers("Invocation", "Cases")
            .whereLayer("Catalog").mayOnlyBeAccessedByLayers("Application", "Web", "Ops", "Reload", "Cli", "Cases",
                    "Invocation", "Feedback", "Evaluation")
            .whereLayer("Knowledge").mayOnlyBeAccessedByLayers("Application", "Evaluation", "Catalog")
            .whereLayer("Prefetch").mayOnlyBeAccessedByLayers("Trust", "Ops", "Cases", "Invocation", "Evaluation",
                    "Catalog")
            .whereLayer("Cards").mayOnlyBeAccessedByLayers("Cases", "Evaluation", "Catalog", "Knowledge")
            .whereLayer("Cql").mayOnlyBeAccessedByLayers("Application", "Ops", "Reload", "Cli", "Cases", "Evaluation",
                    "Catalog", "Cards", "Knowledge")
            .whereLayer("Content").mayOnlyBeAccessedByLayers("Application", "Web", "Demo", "Reload", "Cli", "Cases",
                    "Catalog", "Cql", "Knowledge");

    @ArchTest
    static final ArchRule dataPathKnowsNoHttp = noClasses().that().resideInAnyPackage(DATA_PATH)
            .should().dependOnClassesThat().resideInAnyPackage("jakarta.servlet..", "org.springframework.web..",
                    "org.springframework.http..")
            .because("the data path runs without HTTP (a CLI, a test): HTTP is the web, trust and http packages' job");

    @ArchTest
    static final ArchRule dataPathCountsNothingItself = noClasses().that().resideInAnyPackage(DATA_PATH)
            .should().dependOnClassesThat().resideInAnyPackage("io.micrometer..")
            .because("metrics hook in through Spring (events, filters, listeners) in ops: the data path announces, "
                    + "it does not count");

    /** The governance record hears calls through events and the security context, never through HTTP types. */
    @ArchTest
    static final ArchRule governanceKnowsNoHttp = noClasses().that().resideInAPackage("org.cqlhooks.governance..")
            .should().dependOnClassesThat().resideInAnyPackage("jakarta.servlet..", "org.springframework.web..",
                    "org.springframework.http..")
            .because("recording runs on the event of a call, whether or not HTTP carried it");
}
