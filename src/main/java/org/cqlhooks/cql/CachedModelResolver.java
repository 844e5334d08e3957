package org.cqlhooks.cql;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.opencds.cqf.cql.engine.model.ModelResolver;

/**
 * The model resolver every evaluation shares, with the type and context-path answers of its inner resolver kept,
 * as the engine's {@code CachingModelResolverDecorator} keeps them, but read without a lock. The engine asks these
 * questions many times per call from every request thread at once; its decorator answers each through
 * {@code ConcurrentHashMap.computeIfAbsent}, which locks the entry's bin whenever the key is not its first node, and
 * makes a new package-name list for each question. Here an answer already known is a plain {@code get}; only the
 * first question about a type computes (two threads may both compute it; they get the same answer). Everything else
 * goes to the inner resolver as it is.
 */
final class CachedModelResolver implements ModelResolver {

    private final ModelResolver inner;
    /** As the engine's decorator answers: the inner resolver's first package only. */
    private final List<String> packageNames;
    private final Map<String, Optional<Class<?>>> typesByName = new ConcurrentHashMap<>();
    private final Map<Class<?>, Optional<Class<?>>> typesByClass = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Optional<Object>>> contextPaths = new ConcurrentHashMap<>();

    CachedModelResolver(ModelResolver inner) {
        this.inner = inner;
        this.packageNames = Collections.singletonList(inner.getPackageName());
    }

    @Override
    public List<String> getPackageNames() {
        return packageNames;
    }

    @Override
    public void setPackageNames(List<String> packageNames) {
        throw new UnsupportedOperationException("the shared model resolver's packages are fixed");
    }

    @Override
    @SuppressWarnings("deprecation")
    public String getPackageName() {
        return inner.getPackageName();
    }

    @Override
    @SuppressWarnings("deprecation")
    public void setPackageName(String packageName) {
        throw new UnsupportedOperationException("the shared model resolver's packages are fixed");
    }

    @Override
    public Class<?> resolveType(String typeName) {
        if (typeName == null) {
            return null;
        }
        Optional<Class<?>> known = typesByName.get(typeName);
        if (known == null) {
            known = Optional.ofNullable(inner.resolveType(typeName));
            typesByName.putIfAbsent(typeName, known);
        }
        return known.orElse(null);
    }

    @Override
    public Class<?> resolveType(Object value) {
        if (value == null) {
            return null;
        }
        Optional<Class<?>> known = typesByClass.get(value.getClass());
        if (known == null) {
            known = Optional.ofNullable(inner.resolveType(value));
            typesByClass.putIfAbsent(value.getClass(), known);
        }
        return known.orElse(null);
    }

    @Override
    public Object getContextPath(String contextType, String targetType) {
        if (contextType == null) {
            return null;
        }
        Map<String, Optional<Object>> byTarget = contextPaths.get(contextType);
        if (byTarget == null) {
            byTarget = contextPaths.computeIfAbsent(contextType, c -> new ConcurrentHashMap<>());
        }
        Optional<Object> known = byTarget.get(targetType);
        if (known == null) {
            known = Optional.ofNullable(inner.getContextPath(contextType, targetType));
            byTarget.putIfAbsent(targetType, known);
        }
        return known.orElse(null);
    }

    @Override
    public Object resolvePath(Object target, String path) {
        return inner.resolvePath(target, path);
    }

    @Override
    public Boolean is(Object value, Class<?> type) {
        return inner.is(value, type);
    }

    @Override
    public Object as(Object value, Class<?> type, boolean isStrict) {
        return inner.as(value, type, isStrict);
    }

    @Override
    public Object createInstance(String typeName) {
        return inner.createInstance(typeName);
    }

    @Override
    public void setValue(Object target, String path, Object value) {
        inner.setValue(target, path, value);
    }

    @Override
    public Boolean objectEqual(Object left, Object right) {
        return inner.objectEqual(left, right);
    }

    @Override
    public Boolean objectEquivalent(Object left, Object right) {
        return inner.objectEquivalent(left, right);
    }

    @Override
    public String resolveId(Object target) {
        return inner.resolveId(target);
    }
}
