package org.cqlhooks.prefetch;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prefetch templates (2.0.1 "Prefetch tokens"): {@code {{context.<field>}}} for a root-level primitive context
 * field, and the user tokens {@code {{userPractitionerId}}}, {@code {{userPractitionerRoleId}}},
 * {@code {{userPatientId}}} and {@code {{userRelatedPersonId}}}, derived from {@code context.userId}.
 */
public final class PrefetchTemplate {

    private static final Pattern TOKEN = Pattern.compile("\\{\\{\\s*([^{}]+?)\\s*}}");
    private static final String CONTEXT_PREFIX = "context.";

    /** User token to the resource type {@code context.userId} must have for the token to have a value. */
    public static final Map<String, String> USER_TOKENS = Map.of(
            "userPractitionerId", "Practitioner",
            "userPractitionerRoleId", "PractitionerRole",
            "userPatientId", "Patient",
            "userRelatedPersonId", "RelatedPerson");

    private PrefetchTemplate() {
    }

    /** The tokens of a template, without braces: {@code context.patientId}, {@code userPractitionerId}. */
    public static List<String> tokens(String template) {
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(template);
        while (m.find()) {
            tokens.add(m.group(1));
        }
        return tokens;
    }

    /** Whether a token is well formed: a context field or a user token. */
    public static boolean isValidToken(String token) {
        return USER_TOKENS.containsKey(token)
                || (token.startsWith(CONTEXT_PREFIX) && token.length() > CONTEXT_PREFIX.length()
                        && !token.substring(CONTEXT_PREFIX.length()).contains("."));
    }

    /**
     * The template with every token replaced, or empty when a token has no value in this context (an optional
     * field not sent, or a user token that does not match the user's type): such a query cannot be made.
     *
     * @param context the root-level primitive context fields, as text
     */
    public static Optional<String> fill(String template, Map<String, String> context) {
        Matcher m = TOKEN.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = valueOf(m.group(1), context);
            if (value == null) {
                return Optional.empty();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(encode(value)));
        }
        m.appendTail(out);
        return Optional.of(out.toString());
    }

    private static String valueOf(String token, Map<String, String> context) {
        if (token.startsWith(CONTEXT_PREFIX)) {
            return context.get(token.substring(CONTEXT_PREFIX.length()));
        }
        String type = USER_TOKENS.get(token);
        String userId = context.get("userId");
        if (type == null || userId == null || !userId.startsWith(type + "/")) {
            return null;
        }
        String id = userId.substring(type.length() + 1);
        return id.isEmpty() ? null : id;
    }

    /** Percent-encodes all but unreserved characters and '/', so a value cannot add query parameters or paths. */
    static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }
}
