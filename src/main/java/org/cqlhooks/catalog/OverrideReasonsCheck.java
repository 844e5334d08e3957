package org.cqlhooks.catalog;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.cqlhooks.wire.Coding;

/**
 * 2.0.1 "overrideReasons": Codings, and the service MUST populate each one's display. Feedback names a reason by
 * system and code, so each pair appears once. Checked for a card's own reasons and for the configured defaults.
 */
final class OverrideReasonsCheck {

    /** A reason's code: what feedback echoes back, so plain and short. */
    private static final Pattern REASON_CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    private static final int MAX_REASON_TEXT = 255;

    private OverrideReasonsCheck() {
    }

    static void check(Problems p, String at, List<Coding> reasons) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < reasons.size(); i++) {
            Coding reason = reasons.get(i);
            String r = at + "[" + i + "]";
            if (!p.require(reason != null, r, "must be a Coding (system, code, display)")) {
                continue;
            }
            boolean system = p.require(isAbsoluteUri(reason.system()) && reason.system().length() <= MAX_REASON_TEXT,
                    r + ".system", "required: an absolute URI of at most " + MAX_REASON_TEXT + " characters");
            boolean code = p.require(reason.code() != null && REASON_CODE.matcher(reason.code()).matches(),
                    r + ".code", "required: letters, digits, '.', '_', ':', '-' (at most 128)");
            p.require(reason.display() != null && !reason.display().isBlank()
                            && reason.display().length() <= MAX_REASON_TEXT, r + ".display",
                    "required (2.0.1: the service MUST populate a display for each override reason), at most "
                            + MAX_REASON_TEXT + " characters");
            if (system && code) {
                p.require(seen.add(reason.system() + "|" + reason.code()), r, "reason " + reason.system() + "|"
                        + reason.code() + " appears twice");
            }
        }
    }

    private static boolean isAbsoluteUri(String value) {
        try {
            return value != null && URI.create(value).isAbsolute();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
