package org.cqlhooks.cql;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hl7.cql_annotations.r1.Annotation;
import org.hl7.cql_annotations.r1.Tag;
import org.hl7.elm.r1.ParameterDef;

/**
 * The documented range of a site parameter, declared once, next to the parameter in its Config library, as CQL
 * tags on the last comment lines above it. The start-up check and the README table both read it from there.
 * <pre>
 * // @range: 1..365          Integer or Decimal; a bound may be left out ("0..")
 * // @outside: held          values outside are held to the range (logged at start-up, not refused)
 * // @allowed: a | b | c     String
 * </pre>
 * Booleans need no tag: their type is their range.
 *
 * @param type the parameter's CQL type (Integer, Decimal, Boolean, String)
 * @param min the smallest value allowed, or null
 * @param max the largest value allowed, or null
 * @param allowed the values a String may take (empty: any)
 * @param held whether a value outside is held to the range (the nearer bound is used) instead of stopping the start
 */
public record ParameterRange(String type, BigDecimal min, BigDecimal max, List<String> allowed, boolean held) {

    public ParameterRange {
        allowed = List.copyOf(allowed);
    }

    /** The range declared on a parameter; a malformed tag is an {@link IllegalArgumentException} saying why. */
    static ParameterRange of(ParameterDef def, String type) {
        BigDecimal min = null;
        BigDecimal max = null;
        List<String> allowed = new ArrayList<>();
        boolean held = false;
        for (Tag tag : tags(def)) {
            // The translator runs a value on to the next tag, comment markers of later lines included: one line.
            String value = tag.getValue() == null ? "" : tag.getValue().strip().lines().findFirst().orElse("").strip();
            switch (tag.getName()) {
                case "range" -> {
                    if (!type.equals("Integer") && !type.equals("Decimal")) {
                        throw new IllegalArgumentException("@range applies to Integer and Decimal parameters");
                    }
                    String[] bounds = value.split("\\.\\.", -1);
                    if (bounds.length != 2 || (bounds[0].isBlank() && bounds[1].isBlank())) {
                        throw new IllegalArgumentException("@range must read min..max, min.. or ..max, not '"
                                + value + "'");
                    }
                    min = bound(bounds[0], type);
                    max = bound(bounds[1], type);
                    if (min != null && max != null && min.compareTo(max) > 0) {
                        throw new IllegalArgumentException("@range " + value + " is empty");
                    }
                }
                case "outside" -> {
                    if (!value.equals("held")) {
                        throw new IllegalArgumentException("@outside can only be 'held', not '" + value + "'");
                    }
                    held = true;
                }
                case "allowed" -> {
                    if (!type.equals("String")) {
                        throw new IllegalArgumentException("@allowed applies to String parameters");
                    }
                    Arrays.stream(value.split("\\|")).map(String::strip).filter(v -> !v.isEmpty())
                            .forEach(allowed::add);
                }
                default -> {
                    // Other tags (author notes) are not about the range.
                }
            }
        }
        if (held && (min == null || max == null)) {
            throw new IllegalArgumentException("@outside: held needs a @range with both bounds to hold to");
        }
        return new ParameterRange(type, min, max, allowed, held);
    }

    /** Whether a range is declared (Booleans always have one). */
    public boolean declared() {
        return type.equals("Boolean") || min != null || max != null || !allowed.isEmpty();
    }

    /** Whether a value of the parameter's type lies in the range. */
    public boolean contains(Object value) {
        if (value instanceof Integer i) {
            return contains(BigDecimal.valueOf(i));
        }
        if (value instanceof BigDecimal d) {
            return (min == null || d.compareTo(min) >= 0) && (max == null || d.compareTo(max) <= 0);
        }
        if (value instanceof String s) {
            return allowed.isEmpty() || allowed.contains(s);
        }
        return true;
    }

    /** The bound an outside value is held to (only for held ranges). */
    public BigDecimal holdTo(Object value) {
        BigDecimal d = value instanceof Integer i ? BigDecimal.valueOf(i) : (BigDecimal) value;
        return min != null && d.compareTo(min) < 0 ? min : max;
    }

    /** The range as the README's "allowed" column states it: "1–365", "≥ 0", "7–14 (values outside ...)". */
    public String describe() {
        if (type.equals("Boolean")) {
            return "true/false";
        }
        if (!allowed.isEmpty()) {
            return String.join(", ", allowed);
        }
        String text = min != null && max != null ? plain(min) + "–" + plain(max)
                : min != null ? "≥ " + plain(min)
                : max != null ? "≤ " + plain(max)
                : "any";
        return held ? text + " (values outside are held to " + plain(min) + " or " + plain(max) + ")" : text;
    }

    private static BigDecimal bound(String text, String type) {
        String value = text.strip();
        if (value.isEmpty()) {
            return null;
        }
        try {
            BigDecimal bound = new BigDecimal(value);
            if (type.equals("Integer") && bound.stripTrailingZeros().scale() > 0) {
                throw new IllegalArgumentException("@range bound " + value + " is not an Integer");
            }
            return bound;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("@range bound '" + value + "' is not a number");
        }
    }

    private static String plain(BigDecimal d) {
        if (d == null) {
            return "";
        }
        BigDecimal stripped = d.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0).toPlainString() : stripped.toPlainString();
    }

    private static List<Tag> tags(ParameterDef def) {
        List<Tag> tags = new ArrayList<>();
        for (Object annotation : def.getAnnotation()) {
            if (annotation instanceof Annotation a) {
                tags.addAll(a.getT());
            }
        }
        return tags;
    }
}
