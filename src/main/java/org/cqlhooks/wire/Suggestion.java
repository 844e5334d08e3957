package org.cqlhooks.wire;

import java.util.List;

/** 2.0.1 "Suggestion". */
public record Suggestion(String label, String uuid, Boolean isRecommended, List<Action> actions) {
}
