package org.cqlhooks.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** 2.0.1 "HTTP Response": {@code cards} always present (even empty); {@code systemActions} only when there are any. */
public record CdsResponse(@JsonInclude(JsonInclude.Include.ALWAYS) List<Card> cards, List<Action> systemActions) {

    public static CdsResponse of(List<Card> cards) {
        return new CdsResponse(List.copyOf(cards), null);
    }
}
