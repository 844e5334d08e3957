package org.cqlhooks.cql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cqlhooks.testing.TestContent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.junit.jupiter.api.Test;
import org.opencds.cqf.cql.engine.model.CachingModelResolverDecorator;
import org.opencds.cqf.cql.engine.model.ModelResolver;

/**
 * The shared model resolver answers every question exactly as the engine's own caching decorator over the same
 * resolver does, first time and from its cache, from many threads at once.
 */
class CachedModelResolverTest {

    private static final List<String> TYPE_NAMES = List.of("Observation", "Patient", "CodeableConcept", "Quantity",
            "dateTime");
    private static final List<Object> VALUES = List.of(new Observation(), new Patient(), new CodeableConcept(),
            new Quantity(), new DateTimeType("2024-05-01"), "text", 5);
    private static final List<String[]> CONTEXT_PATHS = List.of(new String[] {"Patient", "Observation"},
            new String[] {"Patient", "MedicationRequest"}, new String[] {"Patient", "Patient"},
            new String[] {"Unfiltered", "Observation"});

    private final ModelResolver engines = new CachingModelResolverDecorator(new FastR4ModelResolver(TestContent.FHIR));
    private final CachedModelResolver ours = new CachedModelResolver(new FastR4ModelResolver(TestContent.FHIR));

    @Test
    void answersAsTheEnginesDecoratorFirstTimeAndFromItsCache() {
        for (int round = 0; round < 2; round++) {
            for (String name : TYPE_NAMES) {
                assertThat(ours.resolveType(name)).as(name).isEqualTo(engines.resolveType(name));
            }
            for (Object value : VALUES) {
                assertThat(ours.resolveType(value)).as("%s", value.getClass()).isEqualTo(engines.resolveType(value));
            }
            for (String[] pair : CONTEXT_PATHS) {
                assertThat(ours.getContextPath(pair[0], pair[1])).as(String.join("/", pair))
                        .isEqualTo(engines.getContextPath(pair[0], pair[1]));
            }
        }
        // An unknown type is refused as the engine refuses it, every time (a refusal is not kept).
        for (int round = 0; round < 2; round++) {
            assertThatThrownBy(() -> ours.resolveType("NoSuchType")).isInstanceOf(
                    catchThrowable(() -> engines.resolveType("NoSuchType")).getClass()).hasMessageContaining("NoSuchType");
        }
        assertThat(ours.resolveType((String) null)).isNull();
        assertThat(ours.resolveType((Object) null)).isNull();
        assertThat(ours.getContextPath(null, "Observation")).isNull();
        assertThat(ours.getPackageNames()).isEqualTo(engines.getPackageNames());
    }

    @Test
    void everythingElseIsTheInnerResolvers() {
        Observation observation = new Observation();
        observation.getCode().setText("ferritin");
        assertThat(ours.resolvePath(observation, "code.text")).isEqualTo(engines.resolvePath(observation, "code.text"));
        assertThat(ours.is(observation, Observation.class)).isTrue();
        assertThat(ours.createInstance("Quantity")).isInstanceOf(Quantity.class);
        assertThatThrownBy(() -> ours.setPackageNames(List.of("x"))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void threadsAskingAtOnceGetTheSameAnswers() throws Exception {
        CachedModelResolver fresh = new CachedModelResolver(new FastR4ModelResolver(TestContent.FHIR));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<List<Object>>> askers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                askers.add(() -> {
                    List<Object> answers = new ArrayList<>();
                    TYPE_NAMES.forEach(name -> answers.add(String.valueOf(fresh.resolveType(name))));
                    VALUES.forEach(value -> answers.add(String.valueOf(fresh.resolveType(value))));
                    CONTEXT_PATHS.forEach(pair -> answers.add(String.valueOf(fresh.getContextPath(pair[0], pair[1]))));
                    return answers;
                });
            }
            List<Object> expected = new ArrayList<>();
            TYPE_NAMES.forEach(name -> expected.add(String.valueOf(engines.resolveType(name))));
            VALUES.forEach(value -> expected.add(String.valueOf(engines.resolveType(value))));
            CONTEXT_PATHS.forEach(pair -> expected.add(String.valueOf(engines.getContextPath(pair[0], pair[1]))));
            for (Future<List<Object>> answers : pool.invokeAll(askers)) {
                assertThat(answers.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
