package org.cqlhooks.cql;

import java.lang.reflect.Field;
import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.elm.r1.FunctionDef;
import org.hl7.elm.r1.FunctionRef;
import org.opencds.cqf.cql.engine.execution.Cache;

/**
 * Which function definition each call site of the compiled content calls, resolved once for every evaluation of
 * the same content instead of once per evaluation.
 *
 * <p>The engine keeps this in each evaluation's {@link Cache} ({@code functionCache}), keyed by the {@link FunctionRef}
 * with its generated, structural {@code hashCode}: every function call hashes the whole call expression twice
 * (its operands, their types), and every evaluation starts empty, so each call site's overloads are matched against
 * its signature again (about 8-10 % of a call's CPU in the benchmark's profiles). Here the key is the call site
 * itself (identity): the content's ELM is shared and read-only, a call site belongs to one library, and the engine
 * caches only call sites whose resolution does not depend on the arguments (those with an ELM signature, or without
 * arguments), so the answer is the same for every evaluation of this content. One instance per {@link CqlEvaluator},
 * so a reloaded content version starts afresh.
 */
final class SharedFunctionCache extends AbstractMap<FunctionRef, FunctionDef> {

    private static final Field FUNCTION_CACHE = field();

    private final Map<CallSite, FunctionDef> resolved = new ConcurrentHashMap<>();

    /** Makes {@code cache} (one evaluation's) read and write this shared one. */
    void installIn(Cache cache) {
        try {
            FUNCTION_CACHE.set(cache, this);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("the CQL engine's function cache cannot be shared", e);
        }
    }

    @Override
    public boolean containsKey(Object key) {
        return key instanceof FunctionRef ref && resolved.containsKey(new CallSite(ref));
    }

    @Override
    public FunctionDef get(Object key) {
        return key instanceof FunctionRef ref ? resolved.get(new CallSite(ref)) : null;
    }

    @Override
    public FunctionDef put(FunctionRef key, FunctionDef value) {
        return value == null ? null : resolved.put(new CallSite(key), value);
    }

    @Override
    public int size() {
        return resolved.size();
    }

    @Override
    public Set<Entry<FunctionRef, FunctionDef>> entrySet() {
        throw new UnsupportedOperationException("the engine only looks call sites up");
    }

    private static Field field() {
        try {
            Field field = Cache.class.getDeclaredField("functionCache");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new ExceptionInInitializerError("this CQL engine version has no Cache.functionCache: " + e);
        }
    }

    /** A call site by identity: the same FunctionRef object of the compiled ELM. */
    private record CallSite(FunctionRef ref) {

        @Override
        public boolean equals(Object other) {
            return other instanceof CallSite site && site.ref == ref;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(ref);
        }
    }
}
