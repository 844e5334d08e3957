package org.cqlhooks.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One structured line per CDS call, whatever its outcome (401s and 413s included):
 * {@code cds-call endpoint=service service=... hookInstance=... client=... status=200 cards=1 fhirCalls=3
 * evalErrors=- skipped=5000 durationMs=42}. Identifiers and counts only: never the access token, the JWT or resource
 * contents. Values that come from the caller are reduced to a safe alphabet so a request cannot forge log lines.
 *
 * <p>{@code skipped} counts the prefetch entries left unread because no rule of the service reads them; the
 * metrics (org.cqlhooks.ops) sum them in {@code cds.prefetch.skipped} from the same event.
 *
 * <p>An answer with an EVAL-ERROR card (a rule family that could not be evaluated: its cards are missing) is not an
 * ordinary 200: its line is a warning naming the libraries ({@code evalErrors=NaltrexoneOpioidSafety}). The
 * metrics (org.cqlhooks.ops) count each in {@code cds.evaluation.errors} from the same event.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class CallLogFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger("org.cqlhooks.calls");
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._:/\\-]");
    private static final int MAX_VALUE = 80;

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = path(request);
        return !(path.equals("/cds-services") || path.startsWith("/cds-services/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        CallRecord record = new CallRecord();
        request.setAttribute(CallRecord.ATTRIBUTE, record);
        try {
            chain.doFilter(request, response);
        } finally {
            String[] parts = path(request).split("/");
            String endpoint = parts.length <= 2 ? "discovery" : parts.length == 4 && parts[3].equals("feedback")
                    ? "feedback" : "service";
            String service = safe(parts.length > 2 ? parts[2] : null);
            List<String> failed = record.failedLibraries();
            Object[] values = {endpoint, service, safe(record.hookInstance()), safe(record.client()),
                response.getStatus(), count(record.cards()), count(record.fhirCalls()),
                failed.isEmpty() ? "-" : String.join(",", failed.stream().map(CallLogFilter::safe).toList()),
                count(record.skipped()),
                (System.nanoTime() - start) / 1_000_000};
            String line = "cds-call endpoint={} service={} hookInstance={} client={} status={} cards={} fhirCalls={} "
                    + "evalErrors={} skipped={} durationMs={}";
            if (failed.isEmpty()) {
                log.info(line, values);
            } else {
                log.warn(line, values);
            }
        }
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    private static String safe(String value) {
        if (value == null || value.isEmpty()) {
            return "-";
        }
        String cleaned = UNSAFE.matcher(value).replaceAll("_");
        return cleaned.length() > MAX_VALUE ? cleaned.substring(0, MAX_VALUE) + "..." : cleaned;
    }

    private static String count(Integer value) {
        return value == null ? "-" : value.toString();
    }
}
