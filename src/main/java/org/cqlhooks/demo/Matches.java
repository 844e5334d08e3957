package org.cqlhooks.demo;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.StringAndListParam;
import ca.uhn.fhir.rest.param.StringOrListParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumeration;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Reference;

/**
 * FHIR search matching over values of a resource, for the parameter types the embedded server offers: token
 * ({@code system|code}, {@code code}, {@code system|}, {@code |code}, comma = or, repeated = and), reference, date
 * (prefixes eq, ne excluded, gt, ge, lt, le; a value is a range by its precision) and string (starts with, ignoring
 * case; {@code :exact}, {@code :contains}). A missing parameter matches everything; a modifier it does not
 * implement is refused with 400 rather than ignored.
 */
final class Matches {

    private Matches() {
    }

    private record Code(String system, String code) {
    }

    static boolean token(TokenAndListParam param, List<? extends Base> values) {
        if (param == null) {
            return true;
        }
        List<Code> codes = codes(values);
        for (TokenOrListParam any : param.getValuesAsQueryTokens()) {
            if (any.getValuesAsQueryTokens().stream().noneMatch(t -> codes.stream().anyMatch(c -> matches(t, c)))) {
                return false;
            }
        }
        return true;
    }

    static boolean token(TokenAndListParam param, Base value) {
        return token(param, value == null ? List.of() : List.of(value));
    }

    private static boolean matches(TokenParam token, Code code) {
        if (token.getModifier() != null) {
            throw new InvalidRequestException("This server does not support the token modifier :"
                    + token.getModifier().getValue());
        }
        String system = token.getSystem();
        String value = token.getValue();
        boolean systemOk = system == null || (system.isEmpty() ? code.system() == null : system.equals(code.system()));
        boolean codeOk = value == null || value.isEmpty() || value.equals(code.code());
        return systemOk && codeOk;
    }

    private static List<Code> codes(List<? extends Base> values) {
        List<Code> codes = new ArrayList<>();
        for (Base value : values) {
            if (value instanceof CodeableConcept concept) {
                concept.getCoding().forEach(c -> codes.add(new Code(blankToNull(c.getSystem()), c.getCode())));
            } else if (value instanceof Coding c) {
                codes.add(new Code(blankToNull(c.getSystem()), c.getCode()));
            } else if (value instanceof Identifier id) {
                codes.add(new Code(blankToNull(id.getSystem()), id.getValue()));
            } else if (value instanceof Enumeration<?> e) {
                codes.add(new Code(blankToNull(e.getSystem()), e.getValueAsString()));
            } else if (value instanceof PrimitiveType<?> p) {
                codes.add(new Code(null, p.getValueAsString()));
            }
        }
        return codes;
    }

    /** Whether {@code reference} points at the resource of type {@code type} the parameter names. */
    static boolean reference(ReferenceParam param, Reference reference, String type) {
        if (param == null) {
            return true;
        }
        if (param.getChain() != null && !param.getChain().isEmpty()) {
            throw new InvalidRequestException("This server does not support chained searches (." + param.getChain()
                    + ")");
        }
        if (param.getResourceType() != null && !param.getResourceType().equals(type)) {
            return false;
        }
        if (reference == null || reference.getReferenceElement().getIdPart() == null) {
            return false;
        }
        var target = reference.getReferenceElement();
        return type.equals(target.getResourceType()) && param.getIdPart().equals(target.getIdPart());
    }

    /**
     * A date, dateTime, instant or Period against every date of the parameter (repeated = and). Both sides are
     * ranges: {@code 2026-11-28} covers the whole day. eq: the value lies within the day; ge/gt/le/lt: the value's
     * range reaches past the searched one's start or end (FHIR R4 "date" search).
     */
    static boolean date(DateRangeParam param, Base value) {
        if (param == null) {
            return true;
        }
        Date low;
        Date high;
        if (value instanceof BaseDateTimeType dt && dt.getValue() != null) {
            low = dt.getValue();
            high = end(dt);
        } else if (value instanceof Period period && (period.hasStart() || period.hasEnd())) {
            low = period.hasStart() ? period.getStart() : null;
            high = period.hasEnd() ? end(period.getEndElement()) : null;
        } else {
            return false;
        }
        for (DateParam searched : param.getValuesAsQueryTokens()) {
            if (!date(searched, low, high)) {
                return false;
            }
        }
        return true;
    }

    /** {@code low}/{@code high} null: the value's range is open on that side (a Period without start or end). */
    private static boolean date(DateParam searched, Date low, Date high) {
        Date start = searched.getValue();
        Date end = end(start, searched.getPrecision());
        ParamPrefixEnum prefix = searched.getPrefix() == null ? ParamPrefixEnum.EQUAL : searched.getPrefix();
        return switch (prefix) {
            case EQUAL -> low != null && high != null && !low.before(start) && !high.after(end);
            case GREATERTHAN_OR_EQUALS -> high == null || !high.before(start);
            case GREATERTHAN -> high == null || high.after(end);
            case LESSTHAN_OR_EQUALS -> low == null || !low.after(end);
            case LESSTHAN -> low == null || low.before(start);
            default -> throw new InvalidRequestException("This server does not support the date prefix "
                    + prefix.getValue());
        };
    }

    private static Date end(Date start, TemporalPrecisionEnum precision) {
        return new Date(precision.add(start, 1).getTime() - 1);
    }

    /** The last instant a value of this precision covers (2026-11-28 covers the whole day). */
    private static Date end(BaseDateTimeType value) {
        return end(value.getValue(), value.getPrecision());
    }

    /** Names: any of {@code texts} starts with the value, ignoring case (or equals it, or contains it). */
    static boolean string(StringAndListParam param, List<String> texts) {
        if (param == null) {
            return true;
        }
        for (StringOrListParam any : param.getValuesAsQueryTokens()) {
            if (any.getValuesAsQueryTokens().stream().noneMatch(p -> texts.stream().anyMatch(t -> matches(p, t)))) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(StringParam param, String text) {
        if (text == null || param.getValue() == null) {
            return false;
        }
        if (param.isExact()) {
            return text.equals(param.getValue());
        }
        String t = text.toLowerCase(Locale.ROOT);
        String v = param.getValue().toLowerCase(Locale.ROOT);
        return param.isContains() ? t.contains(v) : t.startsWith(v);
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
