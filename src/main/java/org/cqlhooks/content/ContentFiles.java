package org.cqlhooks.content;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;

/** Lists and reads content files (classpath: or file: locations) in a stable order. */
public final class ContentFiles {

    /** One content file: its name for messages, and its text. */
    public record ContentFile(String name, String text) {
    }

    private ContentFiles() {
    }

    public static List<ContentFile> read(ResourcePatternResolver resolver, String location, String pattern) {
        String base = location.endsWith("/") ? location : location + "/";
        String search = base.startsWith("classpath:") ? "classpath*:" + base.substring("classpath:".length()) : base;
        try {
            Resource[] resources = resolver.getResources(search + pattern);
            List<ContentFile> files = new ArrayList<>();
            for (Resource resource : resources) {
                if (resource.isReadable()) {
                    files.add(new ContentFile(describe(resource), text(resource)));
                }
            }
            files.sort(Comparator.comparing(ContentFile::name));
            return files;
        } catch (IOException e) {
            throw new ContentException("Cannot read content at " + location + ": " + e.getMessage(), e);
        }
    }

    private static String text(Resource resource) throws IOException {
        try (InputStream in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String describe(Resource resource) {
        String name = resource.getFilename();
        return name == null ? resource.getDescription() : name;
    }
}
