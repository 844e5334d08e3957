package org.cqlhooks.cql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cqlhooks.testing.TestContent;
import org.hl7.elm.r1.Literal;
import org.hl7.elm.r1.ParameterDef;
import org.junit.jupiter.api.Test;

/**
 * Each site parameter's range is declared once, as a tag next to the parameter in its Config library; the README's
 * "allowed" column states exactly that range, and every number parameter has one. Its "type" and "default" columns
 * state the CQL's.
 */
class ParameterRangesTest {

    private static final Map<String, ParameterRange> RANGES =
            new CqlParameters(new CqlProperties(Map.of()), TestContent.libraries()).ranges();

    @Test
    void everyNumberParameterOfTheContentDeclaresItsRange() {
        assertThat(RANGES).hasSizeGreaterThan(30);
        RANGES.forEach((name, range) -> assertThat(range.declared()).as("%s declares @range", name).isTrue());
    }

    @Test
    void theReadmeStatesEachRangeAsTheCqlDeclaresIt() throws IOException {
        List<String> readme = Files.readAllLines(Path.of("README.md"));
        RANGES.forEach((key, range) -> {
            String name = key.substring(key.indexOf('.') + 1);
            Optional<String> allowed = column(readme, name, "allowed");
            assertThat(allowed).as("README table row with an 'allowed' column for `%s`", name).isPresent();
            assertThat(allowed.get()).as("README range of %s", key).isEqualTo(range.describe());
        });
    }

    @Test
    void theReadmeStatesEachTypeAndDefaultAsTheCqlDeclaresIt() throws IOException {
        List<String> readme = Files.readAllLines(Path.of("README.md"));
        TestContent.libraries().all().forEach((library, compiled) -> {
            var parameters = compiled.getLibrary().getParameters();
            for (ParameterDef def : parameters == null ? List.<ParameterDef>of() : parameters.getDef()) {
                String name = def.getName();
                assertThat(column(readme, name, "type")).as("README type of %s", name)
                        .hasValue(RANGES.get(library + "." + name).type());
                String stated = column(readme, name, "default").orElseThrow().replace("`", "");
                String declared = ((Literal) def.getDefault()).getValue();
                if (declared.matches("-?[0-9.]+")) {
                    assertThat(new BigDecimal(stated)).as("README default of %s", name)
                            .isEqualByComparingTo(new BigDecimal(declared));
                } else {
                    assertThat(stated).as("README default of %s", name).isEqualTo(declared);
                }
            }
        });
    }

    @Test
    void aRangeHoldsItsBoundsAndSaysWhatItIs() {
        ParameterRange washout = RANGES.get("PainCdsConfig.Opioid Washout Days");
        assertThat(washout.held()).isTrue();
        assertThat(washout.contains(7)).isTrue();
        assertThat(washout.contains(14)).isTrue();
        assertThat(washout.contains(15)).isFalse();
        assertThat(washout.holdTo(21)).isEqualByComparingTo("14");
        assertThat(washout.holdTo(3)).isEqualByComparingTo("7");
        ParameterRange serum = RANGES.get("PainCdsConfig.Serum Magnesium Limit Without Range");
        assertThat(serum.contains(new BigDecimal("0"))).isTrue();
        assertThat(serum.contains(new BigDecimal("1.51"))).isFalse();
        assertThat(serum.describe()).isEqualTo("0–1.5");
        assertThat(RANGES.get("PainCdsConfig.Enable ACR 2010 Criteria").describe()).isEqualTo("true/false");
    }

    /** The cell under {@code column} of the first table row naming the parameter in backticks. */
    private static Optional<String> column(List<String> readme, String parameter, String column) {
        List<String> header = null;
        for (String line : readme) {
            if (!line.startsWith("|")) {
                header = null;
                continue;
            }
            List<String> cells = cells(line);
            if (header == null) {
                header = cells;
            } else if (cells.get(0).contains("`" + parameter + "`") && header.contains(column)) {
                return Optional.of(cells.get(header.indexOf(column)));
            }
        }
        return Optional.empty();
    }

    private static List<String> cells(String row) {
        List<String> cells = new ArrayList<>();
        for (String cell : row.substring(1).split("\\|")) {
            cells.add(cell.strip());
        }
        return cells;
    }
}
