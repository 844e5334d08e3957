package org.cqlhooks.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The README and docs/ stand alone: every relative link and every path of the repository they name (in the content,
 * source and docs folders) is a file or folder the repository holds, and every Markdown file they name exists.
 * Paths with a placeholder ({@code hooks/cards/<Library>.json}) are patterns, not files, and are not checked.
 */
class DocumentationLinksTest {

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)");
    private static final Pattern PATH = Pattern.compile(
            "(?<![\\w/.:-])((?:cql|hooks|fhir-resources|src|docs|bench/src|\\.ci)/[A-Za-z0-9_./-]*)(.?)");
    private static final Pattern MARKDOWN = Pattern.compile("(?<![\\w/.-])([A-Za-z0-9_-]+\\.md)\\b");

    static Stream<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pages")
    void everyFileAPageNamesIsInTheRepository(Path page) throws IOException {
        String text = Files.readString(page);
        Matcher link = LINK.matcher(text);
        while (link.find()) {
            String target = link.group(1);
            if (!target.matches("[a-z]+:.*")) {
                assertThat(page.resolveSibling(target).normalize()).as("%s links to %s", page, target).exists();
            }
        }
        Matcher path = PATH.matcher(text);
        while (path.find()) {
            String named = path.group(1).replaceAll("[./]+$", "");
            if (!"<*{$".contains(path.group(2).isEmpty() ? "x" : path.group(2))) {
                assertThat(Path.of(named)).as("%s names %s", page, named).exists();
            }
        }
        Matcher markdown = MARKDOWN.matcher(text);
        while (markdown.find()) {
            String name = markdown.group(1);
            try (Stream<Path> files = Files.walk(Path.of("."))) {
                assertThat(files.anyMatch(p -> p.getFileName().toString().equals(name) && !p.startsWith("./target")))
                        .as("%s names %s", page, name).isTrue();
            }
        }
    }
}
