package org.cqlhooks.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.cqlhooks.testing.HeadlessChromium;
import org.cqlhooks.testing.Requests;
import org.cqlhooks.testing.ServerTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The EHR-view page in Debian's Chromium (headless, through /usr/bin/chromedriver: nothing is downloaded), on the
 * bundled sample patients: a critical one, a warning one and one without cards, picked from the content itself
 * ({@link SamplePatients}). The page calls the CDS services over HTTP with fhirServer = the embedded /fhir.
 * Without Chromium the test is skipped and says what to install; under CI=true it fails instead.
 */
@ServerTest
class DemoPageBrowserTest {

    private static final Duration PAGE_LOAD = Duration.ofSeconds(60);
    private static HeadlessChromium chromium;
    private static WebDriver browser;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startChromium() throws IOException {
        chromium = HeadlessChromium.start();
        browser = chromium.driver();
    }

    @BeforeEach
    void needsChromium() {
        Assumptions.assumeTrue(browser != null, "Skipped: " + HeadlessChromium.MISSING);
    }

    @AfterAll
    static void stopChromium() throws IOException {
        chromium.close();
    }

    @Test
    void theCriticalPatientShowsItsCriticalCardInEveryServiceThatRunsItAndFeedbackIsSent() throws IOException {
        SamplePatients.Sample critical = SamplePatients.firstWithIndicator("critical");
        open("/?patient=" + critical.patientId(), critical.patientId());

        assertShowsOnly(critical);
        WebElement card = cards().get(0);
        assertThat(card.findElement(By.cssSelector(".badge")).getText()).isEqualToIgnoringCase("critical");
        assertThat(card.findElement(By.cssSelector(".detail")).getText()).isNotBlank();
        assertThat(card.findElement(By.cssSelector(".meta")).getText()).contains("Source:", "Evidence:");
        // Feedback is a real 2.0.1 POST: the server validates it and answers 200.
        card.findElement(By.cssSelector("[data-feedback=override]")).click();
        WebElement result = card.findElement(By.cssSelector("[data-feedback-result]"));
        new WebDriverWait(browser, PAGE_LOAD).until(d -> result.getAttribute("data-feedback-status") != null);
        assertThat(result.getAttribute("data-feedback-status")).isEqualTo("200");
        assertThat(result.getText()).contains("overridden");
        // The call went out as an EHR's would: fhirServer = the embedded server, no prefetch.
        JsonNode request = Requests.JSON.readTree(exchange(critical.serviceId(), "data-request"));
        assertThat(request.get("fhirServer").asText()).isEqualTo("http://localhost:" + port + "/fhir");
        assertThat(request.has("prefetch")).isFalse();
        assertThat(request.at("/context/patientId").asText()).isEqualTo(critical.patientId());
    }

    @Test
    void theWarningPatientChosenInThePickerShowsItsWarningCardWithAndWithoutPrefetch() throws IOException {
        SamplePatients.Sample warning = SamplePatients.firstWithIndicator("warning");
        open("/", null);
        new Select(browser.findElement(By.cssSelector("[data-patient-picker]"))).selectByValue(warning.patientId());
        waitForPatient(warning.patientId());
        assertThat(browser.getCurrentUrl()).endsWith("/?patient=" + warning.patientId());
        assertShowsOnly(warning);
        assertThat(browser.findElement(By.cssSelector("[data-chart]")).getText()).isNotBlank();

        browser.findElement(By.cssSelector("[data-prefetch-toggle]")).click();
        waitForPatient(warning.patientId());
        assertShowsOnly(warning);
        JsonNode request = Requests.JSON.readTree(exchange(warning.serviceId(), "data-request"));
        assertThat(request.get("prefetch").fieldNames()).toIterable().isNotEmpty();
    }

    @Test
    void aPatientWithoutFindingsShowsNoCardsInAnyService() {
        String patientId = SamplePatients.withoutCards(port);
        open("/?patient=" + patientId, patientId);
        assertThat(cards()).isEmpty();
        List<WebElement> services = browser.findElements(By.cssSelector("[data-service-id]"));
        assertThat(services).isNotEmpty().allSatisfy(s -> {
            assertThat(s.getAttribute("data-status")).isEqualTo("done");
            assertThat(s.findElements(By.cssSelector("[data-no-cards]"))).hasSize(1);
        });
    }

    /** The page shows the sample's card, with its indicator, in its service only (listed services do not overlap). */
    private void assertShowsOnly(SamplePatients.Sample sample) {
        List<WebElement> services = browser.findElements(By.cssSelector("[data-service-id]"));
        assertThat(services).extracting(s -> s.getAttribute("data-status")).containsOnly("done");
        Set<String> shownIn = new TreeSet<>();
        for (WebElement card : cards()) {
            assertThat(card.getAttribute("data-card-id")).isEqualTo(sample.card());
            assertThat(card.getAttribute("data-indicator")).isEqualTo(sample.indicator());
            shownIn.add(card.findElement(By.xpath("ancestor::*[@data-service-id]")).getAttribute("data-service-id"));
        }
        assertThat(shownIn).isEqualTo(sample.services());
    }

    private List<WebElement> cards() {
        return browser.findElements(By.cssSelector("[data-card-id]"));
    }

    private String exchange(String serviceId, String part) {
        WebElement section = browser.findElement(By.cssSelector("[data-service-id='" + serviceId + "']"));
        return section.findElement(By.cssSelector("[" + part + "]")).getAttribute("textContent");
    }

    private void open(String path, String patientId) {
        browser.get("http://localhost:" + port + path);
        if (patientId != null) {
            waitForPatient(patientId);
        } else {
            new WebDriverWait(browser, PAGE_LOAD).until(d -> d.findElements(
                    By.cssSelector("[data-patient-picker] option")).size() > 1);
        }
    }

    private void waitForPatient(String patientId) {
        // The page marks itself ready once every service call for this patient has been answered and drawn.
        new WebDriverWait(browser, PAGE_LOAD).until(d -> {
            WebElement main = d.findElement(By.id("main"));
            return patientId.equals(main.getAttribute("data-patient"))
                    && "ready".equals(main.getAttribute("data-state"));
        });
        assertThat(browser.findElement(By.cssSelector("[data-page-error]")).isDisplayed()).isFalse();
    }
}
