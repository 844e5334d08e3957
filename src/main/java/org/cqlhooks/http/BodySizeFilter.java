package org.cqlhooks.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.cqlhooks.invocation.LimitProperties;
import org.cqlhooks.wire.BodyTooLargeException;
import org.cqlhooks.wire.CdsError;
import org.cqlhooks.wire.OperationOutcomes;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Request bodies up to {@code cds.limits.max-body-size}: a larger declared Content-Length is answered 413 before
 * anything is read; a body without one (chunked) is counted as it is read and fails with 413 at the limit.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class BodySizeFilter extends OncePerRequestFilter {

    private final long limit;
    private final OperationOutcomes outcomes;

    BodySizeFilter(LimitProperties limits, OperationOutcomes outcomes) {
        this.limit = limits.maxBodySize().toBytes();
        this.outcomes = outcomes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > limit) {
            response.setStatus(CdsError.PAYLOAD_TOO_LARGE.status());
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.getOutputStream().write(outcomes.json(CdsError.PAYLOAD_TOO_LARGE,
                    new BodyTooLargeException(limit).getMessage(), null).getBytes(StandardCharsets.UTF_8));
            return;
        }
        chain.doFilter(new Limited(request, limit), response);
    }

    /** The request with a body stream that stops at the limit. */
    private static final class Limited extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counting(super.getInputStream(), limit);
            }
            return stream;
        }
    }

    private static final class Counting extends ServletInputStream {
        private final ServletInputStream in;
        private final long limit;
        private long read;

        Counting(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        /**
         * Spring reads a body of known length with {@code readNBytes(length)}: into one array of that size here,
         * where InputStream's own reads it in 8 KB pieces and copies them into a second array, so every call
         * allocated its body twice (the large copy straight into the old generation). The length was checked
         * against the limit before the body was read.
         */
        @Override
        public byte[] readNBytes(int length) throws IOException {
            if (length < 0) {
                throw new IllegalArgumentException("length < 0");
            }
            byte[] body = new byte[length];
            int n = readNBytes(body, 0, length);
            return n == length ? body : Arrays.copyOf(body, n);
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > limit) {
                throw new BodyTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
