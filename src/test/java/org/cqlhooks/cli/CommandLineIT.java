package org.cqlhooks.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.cqlhooks.cases.RelativeDates;
import org.cqlhooks.catalog.CdsService;
import org.cqlhooks.catalog.LiveContent;
import org.cqlhooks.testing.ContentCopies;
import org.cqlhooks.testing.Requests;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The command line as an author runs it: {@code java -jar target/cql-hooks-<version>.jar evaluate|test ...}, each
 * command a process of its own started on the packaged jar (run by failsafe after {@code package}), its exit code,
 * stdout and stderr checked. {@code evaluate} answers exactly what the server (started here in-process, for the
 * comparison) answers to the same request.
 */
@SpringBootTest
@AutoConfigureMockMvc
class CommandLineIT {

    private static final Path JAR = Path.of(System.getProperty("cqlhooks.jar", "target/cql-hooks.jar"));
    private static final String NTX_REQUEST = "hooks/examples/NaltrexoneOpioidSafety/naltrexone-opioid-safety-ntx-opioid.json";
    private static final Path CASES = Path.of("src/test/resources/cases/naltrexone-opioid-safety");

    @Autowired
    MockMvc mvc;
    @Autowired
    LiveContent content;

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {

        /** The one line a failed command writes, with no stack trace and nothing on stdout. */
        String oneLineError() {
            assertThat(out).as("stdout of a failed command").isEmpty();
            assertThat(err.lines().toList()).as("stderr: " + err).hasSize(1);
            assertThat(err).doesNotContain("\tat ").doesNotContain("Exception");
            return err.strip();
        }
    }

    private static Run cli(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        // Both streams read while it runs: a full pipe would stall it.
        var out = process.getInputStream();
        var err = process.getErrorStream();
        var stdout = CompletableFuture.supplyAsync(() -> read(out));
        var stderr = CompletableFuture.supplyAsync(() -> read(err));
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("the command ends").isTrue();
        return new Run(process.exitValue(), stdout.get(), stderr.get());
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    @Test
    void evaluateARequestPrintsWhatTheServerAnswers() throws Exception {
        Run run = cli("evaluate", "--service", "naltrexone-opioid-safety", "--request", NTX_REQUEST);
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).as("nothing on stderr").isEmpty();
        String server = mvc.perform(post("/cds-services/naltrexone-opioid-safety")
                        .contentType(MediaType.APPLICATION_JSON).content(Files.readAllBytes(Path.of(NTX_REQUEST))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        JsonNode printed = withoutUuids(Requests.JSON.readTree(run.out()));
        assertThat(printed.at("/cards/0/source/topic/code").asText()).isEqualTo("NTX-OPIOID");
        assertThat(printed).as("the server's JSON, field for field (empty fields omitted alike)")
                .isEqualTo(withoutUuids(Requests.JSON.readTree(server)));
    }

    @Test
    void evaluateAPatientBundleCaseFileWithRelativeDates() throws Exception {
        Path bundle = CASES.resolve("NaltrexoneOpioidSafety.ntx-opioid-true-P27-ldn-free-text-with-oxycodone/bundle.json");
        Run run = cli("evaluate", "--service", "naltrexone-opioid-safety", "--bundle", bundle.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).as("nothing on stderr").isEmpty();
        JsonNode cards = Requests.JSON.readTree(run.out()).get("cards");
        assertThat(cards).hasSize(1);
        assertThat(cards.at("/0/source/topic/code").asText()).isEqualTo("NTX-OPIOID");
        assertThat(cards.at("/0/extension/org.cqlhooks.evidence-resources").toString())
                .contains("MedicationStatement/ldn", "MedicationRequest/oxy");
    }

    @Test
    void evaluateATransactionBundleWithUrnReferences() throws Exception {
        Path transaction = dir.resolve("transaction.json");
        Files.writeString(transaction, asTransaction(CASES.resolve(
                "NaltrexoneOpioidSafety.ntx-opioid-true-P27-ldn-free-text-with-oxycodone/bundle.json")));
        Run run = cli("evaluate", "--service", "naltrexone-opioid-safety", "--bundle", transaction.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode cards = Requests.JSON.readTree(run.out()).get("cards");
        assertThat(cards.at("/0/source/topic/code").asText()).isEqualTo("NTX-OPIOID");
        assertThat(cards.at("/0/extension/org.cqlhooks.evidence-resources").toString())
                .contains("MedicationStatement/", "MedicationRequest/");
    }

    @Test
    void atEvaluatesAsOfTheDate() throws Exception {
        // A positive opioid urine screen 3 days before 2025-03-05 (dates written out): NTX-UDS looks back 10 days.
        Path bundle = dir.resolve("uds.json");
        Files.writeString(bundle, RelativeDates.resolve(Files.readString(
                CASES.resolve("NaltrexoneOpioidSafety.ntx-uds-true-P36-ldn-positive-opiate-screen-3-days/bundle.json")),
                ZonedDateTime.of(2025, 3, 5, 12, 0, 0, 0, ZoneOffset.UTC)));
        Run then = cli("evaluate", "--service", "naltrexone-opioid-safety", "--bundle", bundle.toString(),
                "--at", "2025-03-05");
        assertThat(then.exit()).as(then.err()).isZero();
        assertThat(cardIds(then)).contains("NTX-UDS");
        Run later = cli("evaluate", "--service", "naltrexone-opioid-safety", "--bundle", bundle.toString(),
                "--at", "2025-04-05");
        assertThat(later.exit()).as(later.err()).isZero();
        assertThat(cardIds(later)).doesNotContain("NTX-UDS");
    }

    @Test
    void evaluateAContentPackagesPlanDefinitionService() throws Exception {
        Path ig = Path.of("src/test/resources/packages/lab-safety-ig").toAbsolutePath();
        Path bundle = Path.of("src/test/resources/packages/cases/anemia-screening/anemia-true-female-10.5-below-12"
                + "/bundle.json");
        Run run = cli("evaluate", "--service", "anemia-screening", "--bundle", bundle.toString(),
                "--cds.content.packages[0]=file:" + ig + "/");
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode card = Requests.JSON.readTree(run.out()).at("/cards/0");
        assertThat(card.at("/source/topic/code").asText()).isEqualTo("anemia");
        assertThat(card.get("summary").asText())
                .isEqualTo("Hemoglobin 10.5 g/dL: below the WHO anemia threshold of 12.0 g/dL");
        assertThat(card.get("indicator").asText()).isEqualTo("warning");
    }

    @Test
    void aMalformedRequestOrBundleIsOneLineAndExit2() throws Exception {
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"hook\": \"patient-view\",\n  \"context\": {");
        Run request = cli("evaluate", "--service", "naltrexone-opioid-safety", "--request", broken.toString());
        assertThat(request.exit()).isEqualTo(2);
        assertThat(request.oneLineError()).isEqualTo("cql-hooks evaluate: " + broken
                + ": The request body is not valid JSON (line 2, column 15)");

        Run bundle = cli("evaluate", "--service", "naltrexone-opioid-safety", "--bundle", NTX_REQUEST);
        assertThat(bundle.exit()).isEqualTo(2);
        assertThat(bundle.oneLineError()).startsWith("cql-hooks evaluate: " + NTX_REQUEST + " is not FHIR JSON: ");
    }

    @Test
    void anUnknownServiceOrAMissingOptionIsOneLineAndExit2() throws Exception {
        Run unknown = cli("evaluate", "--service", "naltrexone", "--request", NTX_REQUEST);
        assertThat(unknown.exit()).isEqualTo(2);
        // The bundled services, as the server in this test serves them: fibromyalgia-workup, naltrexone-opioid-safety, ...
        String services = String.join(", ", content.catalog().all().stream().map(CdsService::id).toList());
        assertThat(services).startsWith("fibromyalgia-workup, naltrexone-opioid-safety, ");
        assertThat(unknown.oneLineError()).isEqualTo("cql-hooks evaluate: no service 'naltrexone' in the content; "
                + "its services: " + services);

        Run missing = cli("evaluate", "--service", "naltrexone-opioid-safety");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.oneLineError()).startsWith("cql-hooks evaluate: Error: Missing required argument")
                .contains("--request=<file>", "--bundle=<file>").endsWith("(see evaluate --help)");
    }

    @Test
    void settingsAndAContentFolderAreTheServersOwn() throws Exception {
        ContentCopies.copy(ContentCopies.AUTHORING, dir);
        String bundle = dir.resolve("cases/anemia-workup/AnemiaWorkup.hgb-low-true-11-below-12/bundle.json")
                .toString();
        Run byDefault = cli("evaluate", "--service", "anemia-workup", "--bundle", bundle, "--content", dir.toString());
        assertThat(byDefault.exit()).as(byDefault.err()).isZero();
        assertThat(Requests.JSON.readTree(byDefault.out()).at("/cards/0/summary").asText())
                .isEqualTo("Hemoglobin 11 g/dL, below 12 g/dL; no anemia on record");
        Run lower = cli("evaluate", "--service", "anemia-workup", "--bundle", bundle, "--content", dir.toString(),
                "--cds.cql.parameters.hemoglobin-threshold=10.5");
        assertThat(lower.exit()).as(lower.err()).isZero();
        assertThat(cardIds(lower)).isEmpty();
    }

    @Test
    void brokenContentListsEveryProblemAndExits3() throws Exception {
        ContentCopies.copy(ContentCopies.AUTHORING, dir);
        ContentCopies.edit(dir.resolve("cql/AnemiaWorkup.cql"), "Patient.gender", "Patient.gendr");
        ContentCopies.edit(dir.resolve("hooks/medication-orders.json"), "\"hook\": \"patient-view\"",
                "\"hook\": \"patient-vue\"");
        Run run = cli("test", "--content", dir.toString());
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        List<String> lines = run.err().lines().toList();
        assertThat(lines.get(0)).isEqualTo("cql-hooks test: the content does not load (2 problems):");
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).startsWith("  - library AnemiaWorkup (AnemiaWorkup.cql), line 24, column ");
        assertThat(lines.get(2)).startsWith("  - hooks/medication-orders.json: hook: required, one of ");
    }

    @Test
    void evaluateAnswersForOneServiceWhileAnotherServicesLibraryIsBroken() throws Exception {
        ContentCopies.copy(ContentCopies.AUTHORING, dir);
        ContentCopies.edit(dir.resolve("cql/AnemiaWorkup.cql"), "Patient.gender", "Patient.gendr");
        String request = dir.resolve("cases/medication-orders/MedicationOrders.med-active-true-one-order-request"
                + "/request.json").toString();
        Run other = cli("evaluate", "--service", "medication-orders", "--request", request, "--content",
                dir.toString());
        assertThat(other.exit()).as(other.err()).isZero();
        assertThat(cardIds(other)).containsExactly("MED-ACTIVE");

        Run own = cli("evaluate", "--service", "anemia-workup", "--request", request, "--content", dir.toString());
        assertThat(own.exit()).isEqualTo(3);
        assertThat(own.out()).isEmpty();
        assertThat(own.err().lines().toList()).hasSize(2).first()
                .isEqualTo("cql-hooks evaluate: the content does not load (1 problem):");
        assertThat(own.err().lines().toList().get(1))
                .startsWith("  - library AnemiaWorkup (AnemiaWorkup.cql), line 24, column ");

        Run test = cli("test", "--content", dir.toString());
        assertThat(test.exit()).as("test loads every service").isEqualTo(3);
        assertThat(test.err().lines().toList()).hasSize(2).last().isEqualTo(own.err().lines().toList().get(1));
    }

    @Test
    void testOnAContentCopyWithOneFailingCase() throws Exception {
        ContentCopies.copy(ContentCopies.AUTHORING, dir);
        ContentCopies.edit(dir.resolve(
                "cases/anemia-workup/AnemiaWorkup.hgb-low-false-anemia-on-record/expected.json"), "\"cards\": []",
                "\"cards\": [\"HGB-LOW\"]");
        Run run = cli("test", "--content", dir.toString());
        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        assertThat(run.out().lines().toList()).containsExactly(
                "PASS anemia-workup/AnemiaWorkup.hgb-low-false-12-at-threshold",
                "FAIL anemia-workup/AnemiaWorkup.hgb-low-false-anemia-on-record: cards: expected [HGB-LOW], "
                        + "fired []",
                "PASS anemia-workup/AnemiaWorkup.hgb-low-true-11-below-12",
                "PASS medication-orders/MedicationOrders.med-active-true-one-order-request",
                "3 passed, 1 failed");
    }

    @Test
    void testRunsTheCasesBundledInTheJar() throws Exception {
        Run run = cli("test", "--cases", "naltrexone-opioid-safety/NaltrexoneOpioidSafety.ntx-opioid-true-P2.*");
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSizeGreaterThanOrEqualTo(4);
        assertThat(lines.subList(0, lines.size() - 1)).allMatch(line -> line.startsWith("PASS "
                + "naltrexone-opioid-safety/NaltrexoneOpioidSafety.ntx-opioid-true-P2"));
        assertThat(lines.get(lines.size() - 1)).isEqualTo((lines.size() - 1) + " passed, 0 failed");
    }

    private static List<String> cardIds(Run run) throws IOException {
        List<String> ids = new ArrayList<>();
        Requests.JSON.readTree(run.out()).get("cards").forEach(c -> ids.add(c.at("/source/topic/code").asText()));
        return ids;
    }

    private static JsonNode withoutUuids(JsonNode response) {
        response.get("cards").forEach(card -> ((ObjectNode) card).remove("uuid"));
        return response;
    }

    /** The case bundle as a transaction: fullUrl urn:uuid:..., no ids, every reference to a urn (as Synthea writes). */
    private static String asTransaction(Path caseBundle) throws IOException {
        FhirContext fhir = FhirContext.forR4Cached();
        Bundle bundle = (Bundle) fhir.newJsonParser().parseResource(RelativeDates.resolve(
                Files.readString(caseBundle), ZonedDateTime.now(ZoneOffset.UTC)));
        Map<String, String> urns = new HashMap<>();
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            Resource resource = entry.getResource();
            String urn = "urn:uuid:" + UUID.randomUUID();
            urns.put(resource.fhirType() + "/" + resource.getIdElement().getIdPart(), urn);
            entry.setFullUrl(urn);
            entry.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl(resource.fhirType());
            resource.setId((String) null);
        }
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            for (Reference ref : fhir.newTerser().getAllPopulatedChildElementsOfType(entry.getResource(),
                    Reference.class)) {
                if (urns.containsKey(ref.getReference())) {
                    ref.setReference(urns.get(ref.getReference()));
                }
            }
        }
        bundle.setType(Bundle.BundleType.TRANSACTION);
        return fhir.newJsonParser().encodeResourceToString(bundle);
    }
}
