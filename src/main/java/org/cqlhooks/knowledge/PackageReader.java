package org.cqlhooks.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * Reads the files of one content package: a FHIR NPM package ({@code .tgz}, read with the FHIR core library's
 * {@link NpmPackage}), a folder in the IG source layout ({@code input/resources}, {@code input/vocabulary},
 * {@code input/cql}) or a folder of plain FHIR JSON. Only what can hold knowledge artifacts is read: an IG's
 * examples, tests and pages are not.
 */
final class PackageReader {

    /** The three package layouts. */
    enum Layout { NPM, IG, FOLDER }

    /** A package's files, in a stable order. */
    record RawPackage(String location, Layout layout, List<PackageFile> files) {
    }

    private static final Set<String> NOT_RESOURCES = Set.of("package.json", ".index.json", "ig.json");
    private static final List<String> IG_FOLDERS = List.of("input/resources/", "input/vocabulary/", "input/cql/");

    private PackageReader() {
    }

    static RawPackage read(ResourcePatternResolver resolver, String location) throws IOException {
        String lower = location.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".tgz") || lower.endsWith(".tar.gz")) {
            return readNpm(resolver, location);
        }
        return readFolder(resolver, location);
    }

    private static RawPackage readNpm(ResourcePatternResolver resolver, String location) throws IOException {
        Resource resource = resolver.getResource(location);
        if (!resource.exists()) {
            throw new IOException("no such file");
        }
        NpmPackage npm;
        try (InputStream in = resource.getInputStream()) {
            npm = NpmPackage.fromPackage(in);
        }
        NpmPackage.NpmPackageFolder folder = npm.getFolders().get("package");
        if (folder == null) {
            throw new IOException("not a FHIR NPM package: it has no package/ folder");
        }
        List<PackageFile> files = new ArrayList<>();
        for (String name : folder.listFiles()) {
            if (name.endsWith(".json") && !NOT_RESOURCES.contains(name)) {
                files.add(new PackageFile(location + "!/package/" + name, "package/" + name, folder.fetchFile(name)));
            }
        }
        files.sort(Comparator.comparing(PackageFile::path));
        return new RawPackage(location, Layout.NPM, files);
    }

    private static RawPackage readFolder(ResourcePatternResolver resolver, String location) throws IOException {
        String base = location.endsWith("/") ? location : location + "/";
        List<PackageFile> all = new ArrayList<>();
        // A classpath folder can have several roots (test-classes and classes); each is listed below its own URL.
        Resource[] roots = resolver.getResources(search(base));
        for (Resource root : roots) {
            if (!root.exists()) {
                continue;
            }
            String rootUrl = root.getURL().toString();
            rootUrl = rootUrl.endsWith("/") ? rootUrl : rootUrl + "/";
            for (String pattern : List.of("**/*.json", "**/*.cql")) {
                for (Resource resource : resolver.getResources(rootUrl + pattern)) {
                    if (resource.isReadable()) {
                        String path = resource.getURL().toString().substring(rootUrl.length());
                        try (InputStream in = resource.getInputStream()) {
                            all.add(new PackageFile(base + path, path, in.readAllBytes()));
                        }
                    }
                }
            }
        }
        if (Arrays.stream(roots).noneMatch(Resource::exists)) {
            throw new IOException("no such folder");
        }
        all.sort(Comparator.comparing(PackageFile::path));
        boolean ig = all.stream().anyMatch(f -> f.path().startsWith("input/"));
        List<PackageFile> files = all.stream().filter(f -> ig ? inIgFolders(f) : isPlainResource(f)).toList();
        return new RawPackage(location, ig ? Layout.IG : Layout.FOLDER, files);
    }

    private static boolean inIgFolders(PackageFile file) {
        return IG_FOLDERS.stream().anyMatch(file.path()::startsWith)
                && (file.path().startsWith("input/cql/") ? file.path().endsWith(".cql") : file.path().endsWith(".json"));
    }

    private static boolean isPlainResource(PackageFile file) {
        return file.path().endsWith(".json") && !NOT_RESOURCES.contains(file.fileName());
    }

    private static String search(String base) {
        return base.startsWith("classpath:") ? "classpath*:" + base.substring("classpath:".length()) : base;
    }
}
