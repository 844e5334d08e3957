package org.cqlhooks.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cqlhooks.testing.Outcomes.outcome;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

import jakarta.servlet.ServletContext;
import java.nio.charset.StandardCharsets;
import org.cqlhooks.invocation.InvocationService;
import org.cqlhooks.testing.Calls;
import org.cqlhooks.testing.WebSliceTest;
import org.cqlhooks.wire.CdsError;
import org.cqlhooks.wire.CdsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;

/**
 * ErrorResponses in the web slice: whatever the data path throws, the caller gets the status its error kind fixes
 * and an OperationOutcome naming the fault (message, issue type, the request field at fault); a failure that is the
 * server's own says so without its message, which could hold patient data. Bodies over the limit are 413 whether
 * they declare their length or not.
 */
@WebSliceTest
@ExtendWith(OutputCaptureExtension.class)
class ErrorResponsesSliceTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    InvocationService invocations;

    @ParameterizedTest(name = "{0} is {1} {2}")
    @CsvSource({
        "MALFORMED_JSON, 400, invalid",
        "INVALID_REQUEST, 400, invalid",
        "HOOK_MISMATCH, 400, invalid",
        "LIMIT_EXCEEDED, 400, too-costly",
        "UNKNOWN_CARD, 400, not-found",
        "UNAUTHORIZED, 401, login",
        "FORBIDDEN, 403, forbidden",
        "CORS_REFUSED, 403, forbidden",
        "UNKNOWN_SERVICE, 404, not-found",
        "NOT_FOUND, 404, not-found",
        "METHOD_NOT_ALLOWED, 405, not-supported",
        "NOT_ACCEPTABLE, 406, not-supported",
        "DATA_UNOBTAINABLE, 412, incomplete",
        "FHIR_SERVER_REFUSED, 412, security",
        "PAYLOAD_TOO_LARGE, 413, too-costly",
        "UNSUPPORTED_MEDIA_TYPE, 415, not-supported",
        "OVERLOADED, 503, throttled",
        "STORE_UNAVAILABLE, 503, transient"})
    void aFailureOfTheDataPathIsItsStatusAndAnOperationOutcomeNamingTheField(CdsError error, int status, String code)
            throws Exception {
        when(invocations.invoke(any(), any())).thenThrow(new CdsException(error, "what was wrong", "context.patientId"));
        mvc.perform(post(Calls.NTX_SERVICE).contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(outcome(status, code, "what was wrong"))
                .andExpect(jsonPath("$.issue[0].severity").value("error"))
                .andExpect(jsonPath("$.issue[0].expression[0]").value("context.patientId"));
    }

    @Test
    void anErrorWithoutAFieldHasNoExpression() throws Exception {
        when(invocations.invoke(any(), any())).thenThrow(CdsException.unobtainable("the FHIR server answered 500"));
        mvc.perform(post(Calls.NTX_SERVICE).contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(outcome(412, "incomplete", "the FHIR server answered 500"))
                .andExpect(jsonPath("$.issue[0].expression").doesNotExist());
    }

    @Test
    void anUnexpectedFailureIs500WithoutItsMessageAndIsLoggedWithoutIt(CapturedOutput log) throws Exception {
        when(invocations.invoke(any(), any())).thenThrow(new IllegalStateException("patient Zebulon Quixotehart"));
        mvc.perform(post(Calls.NTX_SERVICE).contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(outcome(500, "exception", "Internal error; the failure was logged"))
                .andExpect(jsonPath("$.issue[0].severity").value("fatal"));
        assertThat(log.getAll()).contains("Unexpected failure: java.lang.IllegalStateException")
                .doesNotContain("Zebulon");
    }

    @Test
    void aBodyDeclaredLargerThanTheLimitIs413BeforeItIsRead() throws Exception {
        byte[] body = new byte[128 * 1024 + 1];
        mvc.perform(post(Calls.NTX_SERVICE).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(outcome(413, "too-costly", "larger than 131072 bytes"));
        verifyNoInteractions(invocations);
    }

    @Test
    void aBodyWithoutALengthIs413AtTheLimitAsItIsRead() throws Exception {
        byte[] body = ("{\"padding\":\"" + "x".repeat(140_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        mvc.perform(new Chunked(Calls.NTX_SERVICE).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(outcome(413, "too-costly", "larger than 131072 bytes"));
        verifyNoInteractions(invocations);
    }

    /** A POST whose request has no Content-Length, as a chunked body arrives. */
    private static final class Chunked extends AbstractMockHttpServletRequestBuilder<Chunked> {

        Chunked(String path) {
            super(HttpMethod.POST);
            uri(path);
        }

        @Override
        protected MockHttpServletRequest createServletRequest(ServletContext servletContext) {
            return new MockHttpServletRequest(servletContext) {
                @Override
                public int getContentLength() {
                    return -1;
                }

                @Override
                public long getContentLengthLong() {
                    return -1;
                }
            };
        }
    }
}
