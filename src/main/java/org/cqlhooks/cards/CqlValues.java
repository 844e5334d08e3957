package org.cqlhooks.cards;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.opencds.cqf.cql.engine.runtime.Code;
import org.opencds.cqf.cql.engine.runtime.Concept;
import org.opencds.cqf.cql.engine.runtime.Date;
import org.opencds.cqf.cql.engine.runtime.DateTime;
import org.opencds.cqf.cql.engine.runtime.Interval;
import org.opencds.cqf.cql.engine.runtime.Quantity;
import org.opencds.cqf.cql.engine.runtime.Tuple;

/** Renders CQL values as card text: numbers as written, quantities with units, dates as dates, resources by id. */
public final class CqlValues {

    /** Shown where a template reads a definition that has no value. */
    public static final String NO_VALUE = "not recorded";

    private CqlValues() {
    }

    public static String format(Object value) {
        if (value == null) {
            return NO_VALUE;
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof BigDecimal d) {
            return plain(d);
        }
        if (value instanceof Quantity q) {
            return quantity(q);
        }
        if (value instanceof DateTime dt) {
            return dt.getDateTime() == null ? NO_VALUE : dt.getDateTime().toLocalDate().toString();
        }
        if (value instanceof Date d) {
            return d.getDate() == null ? NO_VALUE : d.getDate().toString();
        }
        if (value instanceof Boolean b) {
            return b ? "yes" : "no";
        }
        if (value instanceof Code c) {
            return c.getDisplay() != null ? c.getDisplay() : c.getCode();
        }
        if (value instanceof Concept c) {
            return c.getDisplay() != null ? c.getDisplay()
                    : c.getCodes() == null || c.getCodes().isEmpty() ? NO_VALUE : format(c.getCodes().get(0));
        }
        if (value instanceof Interval i) {
            return format(i.getLow()) + " to " + format(i.getHigh());
        }
        if (value instanceof Tuple t) {
            List<String> parts = new ArrayList<>();
            for (Map.Entry<String, Object> e : t.getElements().entrySet()) {
                parts.add(e.getKey() + ": " + format(e.getValue()));
            }
            return String.join("; ", parts);
        }
        if (value instanceof IBaseResource r) {
            return r.fhirType() + "/" + r.getIdElement().getIdPart();
        }
        if (value instanceof IPrimitiveType<?> p) {
            return p.getValueAsString() == null ? NO_VALUE : p.getValueAsString();
        }
        if (value instanceof Iterable<?> many) {
            List<String> parts = new ArrayList<>();
            many.forEach(v -> parts.add(format(v)));
            return parts.isEmpty() ? NO_VALUE : String.join(", ", parts);
        }
        return value.toString();
    }

    private static String quantity(Quantity q) {
        String number = q.getValue() == null ? NO_VALUE : plain(q.getValue());
        String unit = q.getUnit();
        if (unit == null || unit.equals("1") || unit.matches("\\{[^}]*}")) {
            return number;
        }
        return number + " " + unit;
    }

    private static String plain(BigDecimal d) {
        BigDecimal stripped = d.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0).toPlainString() : stripped.toPlainString();
    }
}
