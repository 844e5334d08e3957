package org.cqlhooks.reload;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.cqlhooks.catalog.LiveContent;
import org.cqlhooks.content.ContentProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Reloads the content on save ({@code cds.content.watch}, on by default in development mode): the JDK's file watch
 * service watches the folders of the {@code file:} content locations (cql/*.cql, hooks/*.json, the card files
 * hooks/cards/*.json or wherever {@code cds.content.cards} puts them, fhir-resources/ with its subfolders); once
 * changes stop for a moment, {@link LiveContent#reload()} loads and checks the content as at start-up and swaps it
 * in, or logs every problem and keeps the last good content serving. Classpath content (the bundled content, inside
 * the jar) cannot change while the server runs and is not watched.
 */
@Component
class ContentWatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ContentWatcher.class);
    /** Changes closer together than this are one save (an editor writes a file in steps, a checkout many files). */
    static final long QUIET_MILLIS = 300;

    private final LiveContent content;
    private final boolean enabled;
    private final List<Folder> folders = new ArrayList<>();
    private WatchService watch;
    private Thread thread;

    /** One watched content location: its folder, the name it is logged by, and the files that count. */
    private record Folder(String name, Path path, String extension, boolean recursive) {
    }

    ContentWatcher(LiveContent content, Environment environment) {
        this.content = content;
        Binder binder = Binder.get(environment);
        Boolean watch = content.locations().watch();
        // Development mode is a server without trusted clients: the machine of an author.
        this.enabled = watch != null ? watch
                : binder.bind("cds.security.clients", Bindable.listOf(Map.class)).orElse(List.of()).isEmpty();
        ContentProperties locations = content.locations();
        folder("cql", locations.cql(), ".cql", false);
        folder("hooks", locations.hooks(), ".json", false);
        boolean cardsInHooks = locations.cards().equals(
                (locations.hooks().endsWith("/") ? locations.hooks() : locations.hooks() + "/") + "cards/");
        folder(cardsInHooks ? "hooks/cards" : "cards", locations.cards(), ".json", false);
        folder("fhir-resources", locations.fhirResources(), ".json", true);
    }

    private void folder(String name, String location, String extension, boolean recursive) {
        if (location.startsWith("file:")) {
            Path path = Path.of(location.substring("file:".length())).toAbsolutePath().normalize();
            folders.add(new Folder(name, path, extension, recursive));
        }
    }

    @Override
    public synchronized void start() {
        if (!enabled) {
            return;
        }
        if (folders.isEmpty()) {
            log.info("cds.content.watch: the content is on the classpath (bundled in the jar), which cannot change "
                    + "while the server runs; point cds.content.* at folders (file:...) to reload on save, e.g. "
                    + "--spring.profiles.active=authoring in the project folder");
            return;
        }
        try {
            watch = FileSystems.getDefault().newWatchService();
            Map<WatchKey, Folder> keys = new HashMap<>();
            for (Folder folder : folders) {
                register(folder, folder.path(), keys);
            }
            thread = new Thread(() -> run(keys), "content-watch");
            thread.setDaemon(true);
            thread.start();
            log.info("Watching the content for changes: {}", folders.stream().map(Folder::path).toList());
        } catch (IOException e) {
            log.warn("cds.content.watch: cannot watch the content folders ({}); changes need a restart", e.toString());
        }
    }

    private void register(Folder folder, Path dir, Map<WatchKey, Folder> keys) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> dirs = folder.recursive() ? walk(dir) : List.of(dir);
        for (Path each : dirs) {
            keys.put(each.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                    StandardWatchEventKinds.ENTRY_MODIFY), folder);
        }
    }

    private static List<Path> walk(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isDirectory).toList();
        }
    }

    /** Waits for a change, lets the saving settle, reloads; until the watch service is closed. */
    private void run(Map<WatchKey, Folder> keys) {
        try {
            while (true) {
                Set<String> changed = new TreeSet<>();
                collect(watch.take(), keys, changed);
                for (WatchKey more = watch.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS); more != null;
                        more = watch.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS)) {
                    collect(more, keys, changed);
                }
                if (!changed.isEmpty()) {
                    reload(changed);
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void collect(WatchKey key, Map<WatchKey, Folder> keys, Set<String> changed) {
        Folder folder = keys.get(key);
        Path dir = (Path) key.watchable();
        for (WatchEvent<?> event : key.pollEvents()) {
            if (folder == null || !(event.context() instanceof Path name)) {
                continue; // an overflow: events were lost, which the next change reloads anyway
            }
            Path file = dir.resolve(name);
            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(file)) {
                // Files copied in with it may have landed before it was watched: the new folder is a change.
                watchNew(folder, file, keys);
                changed.add(folder.name() + "/" + folder.path().relativize(file) + "/");
            }
            if (name.toString().endsWith(folder.extension())) {
                changed.add(folder.name() + "/" + folder.path().relativize(file));
            }
        }
        if (!key.reset()) {
            keys.remove(key);
        }
    }

    /** A new subfolder of a recursive location, or a content folder made after the start (hooks/cards/). */
    private void watchNew(Folder parent, Path dir, Map<WatchKey, Folder> keys) {
        try {
            if (parent.recursive()) {
                register(parent, dir, keys);
            }
            for (Folder folder : folders) {
                if (folder.path().equals(dir)) {
                    register(folder, dir, keys);
                }
            }
        } catch (IOException e) {
            log.warn("cds.content.watch: cannot watch the new folder {}: {}", dir, e.toString());
        }
    }

    private void reload(Set<String> changed) {
        LiveContent.Reload reload = content.reload();
        if (reload.loaded()) {
            log.info("Content reloaded in {} ms after a change to {}: {} CQL libraries, {} services",
                    reload.took().toMillis(), String.join(", ", changed), content.current().libraries().all().size(),
                    content.catalog().all().size());
            return;
        }
        log.warn("Content change to {} not loaded ({} ms); the last good content keeps serving. {} problem(s):",
                String.join(", ", changed), reload.took().toMillis(), reload.problems().size());
        reload.problems().forEach(problem -> log.warn("Content not reloaded: {}", problem));
    }

    @Override
    public synchronized void stop() {
        if (watch != null) {
            try {
                watch.close();
            } catch (IOException e) {
                log.debug("closing the content watch: {}", e.toString());
            }
            watch = null;
        }
        if (thread != null) {
            thread.interrupt();
            thread = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return watch != null;
    }
}
