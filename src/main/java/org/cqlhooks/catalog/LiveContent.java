package org.cqlhooks.catalog;

import ca.uhn.fhir.context.FhirContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.cqlhooks.content.ContentException;
import org.cqlhooks.content.ContentProperties;
import org.cqlhooks.cql.ContentLoader;
import org.cqlhooks.cql.CqlProperties;
import org.cqlhooks.knowledge.PackageProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The content the server serves: one {@link ContentSnapshot}, loaded and checked at start-up (broken content stops
 * the start, listing every problem) and replaced whole by {@link #reload()}. A call takes {@link #current()} once and
 * finishes on that snapshot; a reload that fails its checks leaves the last good snapshot serving and is remembered
 * as {@link #failure()} until a reload succeeds.
 */
@Component
public class LiveContent {

    private static final Logger log = LoggerFactory.getLogger(LiveContent.class);

    private final ContentSources sources;
    private final AtomicReference<ContentSnapshot> current = new AtomicReference<>();
    private final AtomicReference<Failure> failure = new AtomicReference<>();

    /** A reload whose content failed its checks: every problem, and when it was tried. */
    public record Failure(List<String> problems, Instant at) {
    }

    /** What a reload did: whether the new content now serves, its problems if not, and how long it took. */
    public record Reload(boolean loaded, List<String> problems, Duration took) {
    }

    /** The server's content; its first version from the loader the start began before the context was built. */
    @Autowired
    public LiveContent(ContentProperties content, PackageProperties packages, CqlProperties cql, CardProperties cards,
            ResourcePatternResolver resolver, FhirContext fhir, Clock clock, ContentLoader preloaded) {
        this(new ContentSources(content, packages.packages(), cql, cards, resolver, fhir, clock), preloaded);
    }

    public LiveContent(ContentSources sources) {
        this(sources, ContentSnapshot.loader(sources));
    }

    private LiveContent(ContentSources sources, ContentLoader first) {
        this.sources = sources;
        ContentSnapshot loaded = ContentSnapshot.load(sources, first);
        current.set(loaded);
        log.info("Content checked: {} CQL libraries, {} services, every ValueSet and code system known, each "
                + "service evaluates", loaded.libraries().all().size(), loaded.catalog().all().size());
    }

    /** The content serving now. Take it once per call and use only it, so the call sees one version throughout. */
    public ContentSnapshot current() {
        return current.get();
    }

    /** The services serving now (for a single lookup; a call that also evaluates takes {@link #current()}). */
    public ServiceCatalog catalog() {
        return current().catalog();
    }

    /** The content locations this serves from. */
    public ContentProperties locations() {
        return sources.content();
    }

    /** The last reload that failed its checks, while no later reload has succeeded. */
    public Optional<Failure> failure() {
        return Optional.ofNullable(failure.get());
    }

    /**
     * Loads and checks the content again, as at start-up (the compiled CQL and the terminology are kept when their
     * folder has not changed). When it is sound it replaces the current snapshot in one step; otherwise the current
     * snapshot keeps serving. One reload at a time.
     */
    public synchronized Reload reload() {
        long start = System.nanoTime();
        try {
            ContentSnapshot next = ContentSnapshot.load(sources, current().reloader(sources));
            current.set(next);
            failure.set(null);
            return new Reload(true, List.of(), Duration.ofNanos(System.nanoTime() - start));
        } catch (RuntimeException e) {
            // A ContentException lists the problems; anything else the loader threw is one problem of its own.
            List<String> problems = e instanceof ContentException content ? content.problems()
                    : List.of("the content could not be loaded: " + e);
            failure.set(new Failure(problems, sources.clock().instant()));
            return new Reload(false, problems, Duration.ofNanos(System.nanoTime() - start));
        }
    }
}
