package org.cqlhooks.demo;

import java.util.List;
import org.cqlhooks.wire.CdsException;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The EHR-view page: one HTML file, one script, one stylesheet, served from the jar (static resource mapping is off
 * in this server, so only these three are served, and only while the demo is on), and the markdown rendering the
 * page asks for each card's detail.
 */
@RestController
@OnDemo
class DemoPageController {

    private static final int MAX_TEXTS = 200;
    private static final int MAX_TEXT_LENGTH = 100_000;

    private final MarkdownRenderer markdown = new MarkdownRenderer();

    @GetMapping("/")
    ResponseEntity<Resource> page() {
        return file("demo/index.html", MediaType.TEXT_HTML);
    }

    @GetMapping("/demo/demo.js")
    ResponseEntity<Resource> script() {
        return file("demo/demo.js", MediaType.valueOf("text/javascript"));
    }

    @GetMapping("/demo/demo.css")
    ResponseEntity<Resource> stylesheet() {
        return file("demo/demo.css", MediaType.valueOf("text/css"));
    }

    /** Markdown texts in, HTML out (same order); the page inserts the HTML as the card's detail. */
    record MarkdownRequest(List<String> markdown) {
    }

    record MarkdownResponse(List<String> html) {
    }

    @PostMapping(path = "/demo/markdown", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    MarkdownResponse render(@RequestBody MarkdownRequest request) {
        if (request == null || request.markdown() == null) {
            throw CdsException.invalid("markdown", "markdown is required and must be an array of strings");
        }
        if (request.markdown().size() > MAX_TEXTS) {
            throw CdsException.invalid("markdown", "at most " + MAX_TEXTS + " texts per request");
        }
        for (int i = 0; i < request.markdown().size(); i++) {
            String text = request.markdown().get(i);
            if (text != null && text.length() > MAX_TEXT_LENGTH) {
                throw CdsException.invalid("markdown[" + i + "]", "a text may have at most " + MAX_TEXT_LENGTH
                        + " characters");
            }
        }
        return new MarkdownResponse(markdown.toHtml(request.markdown()));
    }

    private static ResponseEntity<Resource> file(String path, MediaType type) {
        return ResponseEntity.ok().contentType(new MediaType(type, java.nio.charset.StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noCache()).body(new ClassPathResource(path));
    }
}
