package org.cqlhooks.wire;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** How many suggestions a user may pick (2.0.1 "Card Attributes": selectionBehavior). */
public enum SelectionBehavior {
    AT_MOST_ONE("at-most-one"), ANY("any");

    private final String code;

    SelectionBehavior(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    @JsonCreator
    static SelectionBehavior json(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("selectionBehavior must be at-most-one or any"));
    }
}
