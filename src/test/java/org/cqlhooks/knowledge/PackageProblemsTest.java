package org.cqlhooks.knowledge;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cqlhooks.content.ContentException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broken package stops the start, and the one message names every problem with its file. */
class PackageProblemsTest {

    private static final String ECA = """
            "type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/plan-definition-type",
              "code": "eca-rule"}]}, "status": "active",""";

    @TempDir
    Path ig;

    @Test
    void everyProblemIsReportedAtOnce() throws IOException {
        write("input/resources/Library-Unreadable.json", "{\"resourceType\": \"Library\", \"id\": ");
        write("input/resources/Library-NoCql.json", """
                {"resourceType": "Library", "id": "NoCql", "name": "NoCql", "url": "http://x.org/Library/NoCql"}""");
        write("input/resources/Library-Broken.json", """
                {"resourceType": "Library", "id": "Broken", "name": "Broken", "version": "1.0.0",
                 "url": "http://x.org/Library/Broken"}""");
        write("input/cql/Broken.cql", """
                library Broken version '1.0.0'
                using FHIR version '4.0.1'
                context Patient
                define "Oops": 1 +
                """);
        write("input/resources/Library-Rules.json", """
                {"resourceType": "Library", "id": "Rules", "name": "Rules", "version": "1.0.0",
                 "url": "http://x.org/Library/Rules"}""");
        write("input/cql/Rules.cql", """
                library Rules version '1.0.0'
                using FHIR version '4.0.1'
                valueset "Filtered": 'http://x.org/ValueSet/filtered'
                context Patient
                define "Count": Count([Observation: "Filtered"])
                define "Yes": true
                """);
        write("input/vocabulary/ValueSet-filtered.json", """
                {"resourceType": "ValueSet", "id": "filtered", "url": "http://x.org/ValueSet/filtered",
                 "compose": {"include": [{"system": "http://loinc.org",
                   "filter": [{"property": "COMPONENT", "op": "=", "value": "Ferritin"}]}]}}""");
        write("input/resources/PlanDefinition-rules.json", """
                {"resourceType": "PlanDefinition", "id": "rules", "url": "http://x.org/PlanDefinition/rules", %s
                 "library": ["http://x.org/Library/Rules"],
                 "action": [{"id": "a", "title": "A", "trigger": [{"type": "named-event", "name": "patient-view"}],
                   "condition": [{"kind": "applicability",
                     "expression": {"language": "text/cql-identifier", "expression": "Missing"}}]},
                   {"id": "b", "title": "B", "trigger": [{"type": "named-event", "name": "patient-view"}],
                   "condition": [{"kind": "applicability",
                     "expression": {"language": "text/cql-identifier", "expression": "Count"}}],
                   "action": [{"id": "b1", "definitionCanonical": "http://x.org/ActivityDefinition/none"}]}]}"""
                .formatted(ECA));
        write("input/resources/PlanDefinition-orphan.json", """
                {"resourceType": "PlanDefinition", "id": "orphan", %s
                 "library": ["http://x.org/Library/Nowhere"],
                 "action": [{"id": "a", "trigger": [{"type": "named-event", "name": "patient-view"}]}]}"""
                .formatted(ECA));

        assertThatThrownBy(() -> TestPackages.load(List.of("file:" + ig + "/", "file:" + ig + "/missing.tgz")))
                .isInstanceOf(ContentException.class)
                .hasMessageContaining("10 problems in the content packages")
                .hasMessageContaining("Library-Unreadable.json: not a FHIR R4 JSON resource")
                .hasMessageContaining("Library-NoCql.json: Library NoCql has no CQL: no text/cql content and no "
                        + "input/cql/NoCql.cql")
                .hasMessageContaining("input/cql/Broken.cql: CQL library Broken, line 5, column 0: Syntax error at <EOF>")
                .hasMessageContaining("ValueSet-filtered.json: ValueSet http://x.org/ValueSet/filtered: compose "
                        + "filters and nested valueSets are not expanded here")
                .hasMessageContaining("PlanDefinition-rules.json: PlanDefinition/rules action a condition: no "
                        + "definition \"Missing\" in library Rules")
                .hasMessageContaining("PlanDefinition-rules.json: PlanDefinition/rules action b condition: "
                        + "\"Count\" is System.Integer, not Boolean")
                .hasMessageContaining("PlanDefinition/rules action b1: definition "
                        + "http://x.org/ActivityDefinition/none is no ActivityDefinition or PlanDefinition")
                .hasMessageContaining("PlanDefinition-orphan.json: PlanDefinition/orphan library "
                        + "http://x.org/Library/Nowhere names no CQL library in the packages or the bundled content")
                .hasMessageContaining("missing.tgz: cannot be read as a content package");
    }

    @Test
    void anExpressionThatFailsEvenOnAnEmptyRecordStopsTheStart() throws IOException {
        write("input/resources/Library-Fails.json", """
                {"resourceType": "Library", "id": "Fails", "name": "Fails", "version": "1.0.0",
                 "url": "http://x.org/Library/Fails"}""");
        write("input/cql/Fails.cql", """
                library Fails version '1.0.0'
                using FHIR version '4.0.1'
                context Patient
                define "Boom": (singleton from { 1, 2 }) = 1
                """);
        write("input/resources/PlanDefinition-fails.json", """
                {"resourceType": "PlanDefinition", "id": "fails", "url": "http://x.org/PlanDefinition/fails", %s
                 "library": ["http://x.org/Library/Fails"],
                 "action": [{"id": "a", "title": "A", "trigger": [{"type": "named-event", "name": "patient-view"}],
                   "condition": [{"kind": "applicability",
                     "expression": {"language": "text/cql-identifier", "expression": "Boom"}}]}]}"""
                .formatted(ECA));

        assertThatThrownBy(() -> TestPackages.load(List.of("file:" + ig)))
                .isInstanceOf(ContentException.class)
                .hasMessageContaining("1 problem in the content packages")
                .hasMessageContaining("PlanDefinition-fails.json: PlanDefinition/fails fails on an empty record: "
                        + "Condition expression Boom encountered exception");
    }

    @Test
    void aPackageLibraryMayNotReuseABundledName() throws IOException {
        write("input/cql/Iron.cql", """
                library Iron version '1.0.0'
                using FHIR version '4.0.1'
                context Patient
                define "X": true
                """);
        assertThatThrownBy(() -> TestPackages.load(List.of("file:" + ig)))
                .hasMessageContaining("input/cql/Iron.cql: CQL library Iron is also a bundled library (cql/Iron.cql)");
    }

    private void write(String path, String text) throws IOException {
        Path file = ig.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
