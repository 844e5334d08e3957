package org.cqlhooks.governance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.cqlhooks.testing.HeadlessChromium;
import org.cqlhooks.testing.Requests;
import org.cqlhooks.testing.ServerTest;
import org.cqlhooks.testing.TestContent;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The analytics page in Debian's Chromium (headless, as the demo page's test), after real calls and feedback over
 * HTTP: the table shows each card's figures, each card has its SVG charts, and the filters narrow them. The record of
 * the shared context is emptied first, so the figures are this test's calls.
 */
@ServerTest
class AnalyticsPageBrowserTest {

    private static final Duration PAGE_LOAD = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static HeadlessChromium chromium;
    private static WebDriver browser;

    @LocalServerPort
    int port;
    @Autowired
    CardRecorder recorder;
    @Autowired
    JdbcClient jdbc;

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

    private HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String issue(String service, String example) throws Exception {
        HttpResponse<String> answer = post("/cds-services/" + service,
                Files.readString(TestContent.example(example)));
        JsonNode card = Requests.JSON.readTree(answer.body()).get("cards").get(0);
        return card.get("uuid").asText();
    }

    private void feedback(String service, String body) throws Exception {
        assertThat(post("/cds-services/" + service + "/feedback", body).statusCode()).isEqualTo(200);
    }

    private void waitUntilShown() {
        new WebDriverWait(browser, PAGE_LOAD).until(d -> "ready".equals(d.findElement(By.id("main"))
                .getAttribute("data-state")));
        assertThat(browser.findElement(By.cssSelector("[data-page-error]")).isDisplayed()).isFalse();
    }

    @Test
    void theCommitteeReadsEachCardsFiguresAndChartsAndNarrowsThem() throws Exception {
        EmptyRecord.clear(recorder, jdbc);
        String ntx = "naltrexone-opioid-safety";
        String n1 = issue(ntx, "naltrexone-opioid-safety-ntx-opioid.json");
        String n2 = issue(ntx, "naltrexone-opioid-safety-ntx-opioid.json");
        issue("fibromyalgia-workup", "fibromyalgia-workup-csi-pos.json");
        feedback(ntx, Issued.overridden(n1, "opioid-stopped", null, Instant.now()));
        feedback(ntx, Issued.overridden(n2, "opioid-stopped", null, Instant.now()));

        browser.get("http://localhost:" + port + "/analytics");
        waitUntilShown();
        WebElement row = browser.findElement(By.cssSelector("[data-card='" + ntx + "/NTX-OPIOID']"));
        assertThat(row.findElement(By.cssSelector("[data-issued]")).getAttribute("data-issued")).isEqualTo("2");
        assertThat(row.findElement(By.cssSelector("[data-accepted]")).getAttribute("data-accepted")).isEqualTo("0");
        assertThat(row.findElement(By.cssSelector("[data-overridden]")).getText()).isEqualTo("2 100%");
        assertThat(row.getText()).contains("Opioid no longer taken (2)");
        assertThat(browser.findElements(By.cssSelector("[data-card]"))).hasSize(2);

        WebElement panel = browser.findElement(By.cssSelector("[data-card-panel='" + ntx + "/NTX-OPIOID']"));
        WebElement chart = panel.findElement(By.cssSelector("svg[data-time-chart]"));
        assertThat(chart.findElements(By.tagName("polyline"))).hasSize(3);
        List<WebElement> bars = panel.findElements(By.cssSelector("svg[data-reason-chart] rect[data-reason-code]"));
        assertThat(bars).hasSize(1);
        assertThat(bars.get(0).getAttribute("data-reason-code")).isEqualTo("opioid-stopped");
        assertThat(bars.get(0).getAttribute("data-count")).isEqualTo("2");
        WebElement csi = browser.findElement(By.cssSelector("[data-card-panel='fibromyalgia-workup/CSI-POS']"));
        assertThat(csi.getText()).contains("No overrides.");

        new Select(browser.findElement(By.cssSelector("[data-service]"))).selectByValue(ntx);
        browser.findElement(By.cssSelector("[data-show]")).click();
        waitUntilShown();
        assertThat(browser.findElements(By.cssSelector("[data-card]"))).hasSize(1);
        assertThat(browser.getCurrentUrl()).endsWith("/analytics?service=" + ntx);

        browser.get("http://localhost:" + port + "/analytics?from=2099-01-01");
        waitUntilShown();
        assertThat(browser.findElements(By.cssSelector("[data-card]"))).isEmpty();
        assertThat(browser.findElement(By.cssSelector("[data-empty]")).isDisplayed()).isTrue();
    }
}
