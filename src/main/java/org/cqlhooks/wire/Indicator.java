package org.cqlhooks.wire;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Card urgency, in increasing order (2.0.1 "Card Attributes": indicator). */
public enum Indicator {
    INFO, WARNING, CRITICAL;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Indicator> fromCode(String code) {
        return Arrays.stream(values()).filter(i -> i.code().equals(code)).findFirst();
    }

    @JsonCreator
    static Indicator json(String code) {
        return fromCode(code).orElseThrow(() -> new IllegalArgumentException("indicator must be info, warning or critical"));
    }
}
