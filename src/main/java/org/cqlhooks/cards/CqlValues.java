package org.cqlhooks.cards;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cqlhooks.cql.RecordText;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.opencds.cqf.cql.engine.runtime.Code;
import org.opencds.cqf.cql.engine.runtime.Concept;
import org.opencds.cqf.cql.engine.runtime.Date;
import org.opencds.cqf.cql.engine.runtime.DateTime;
import org.opencds.cqf.cql.engine.runtime.Interval;
import org.opencds.cqf.cql.engine.runtime.Quantity;
import org.opencds.cqf.cql.engine.runtime.Tuple;

/**
 * Renders CQL values as card text: numbers as written, quantities with units, dates as dates, resources by id.
 * {@link #marked} marks what comes from the record (a unit, a display, an id) as {@link RecordText}, for cards;
 * {@link #format} gives the same text plain.
 */
public final class CqlValues {

    /** Shown where a template reads a definition that has no value. */
    public static final String NO_VALUE = "not recorded";

    private CqlValues() {
    }

    /** The value as plain text. */
    public static String format(Object value) {
        return RecordText.plain(marked(value));
    }

    /** The value as card text: strings as the CQL built them (record parts marked there), record parts marked. */
    public static String marked(Object value) {
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
            return RecordText.mark(c.getDisplay() != null ? c.getDisplay() : c.getCode());
        }
        if (value instanceof Concept c) {
            return c.getDisplay() != null ? RecordText.mark(c.getDisplay())
                    : c.getCodes() == null || c.getCodes().isEmpty() ? NO_VALUE : marked(c.getCodes().get(0));
        }
        if (value instanceof Interval i) {
            return marked(i.getLow()) + " to " + marked(i.getHigh());
        }
        if (value instanceof Tuple t) {
            List<String> parts = new ArrayList<>();
            for (Map.Entry<String, Object> e : t.getElements().entrySet()) {
                parts.add(e.getKey() + ": " + marked(e.getValue()));
            }
            return String.join("; ", parts);
        }
        if (value instanceof IBaseResource r) {
            return r.fhirType() + "/" + RecordText.mark(r.getIdElement().getIdPart());
        }
        if (value instanceof IPrimitiveType<?> p) {
            return p.getValueAsString() == null ? NO_VALUE : RecordText.mark(p.getValueAsString());
        }
        if (value instanceof Iterable<?> many) {
            List<String> parts = new ArrayList<>();
            many.forEach(v -> parts.add(marked(v)));
            return parts.isEmpty() ? NO_VALUE : String.join(", ", parts);
        }
        return RecordText.mark(value.toString());
    }

    private static String quantity(Quantity q) {
        String number = q.getValue() == null ? NO_VALUE : plain(q.getValue());
        String unit = q.getUnit();
        if (unit == null || unit.equals("1") || unit.matches("\\{[^}]*}")) {
            return number;
        }
        return number + " " + RecordText.mark(unit);
    }

    private static String plain(BigDecimal d) {
        BigDecimal stripped = d.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0).toPlainString() : stripped.toPlainString();
    }
}
