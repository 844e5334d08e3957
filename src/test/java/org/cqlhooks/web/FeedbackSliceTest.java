package org.cqlhooks.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cqlhooks.testing.Outcomes.outcome;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import org.cqlhooks.feedback.FeedbackService;
import org.cqlhooks.testing.Calls;
import org.cqlhooks.testing.WebSliceTest;
import org.cqlhooks.wire.CdsError;
import org.cqlhooks.wire.CdsException;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * POST /cds-services/{id}/feedback in the web slice: the body reaches the feedback service as sent, stored feedback
 * is an empty 200, and the service's refusals reach the caller as OperationOutcomes.
 */
@WebSliceTest
class FeedbackSliceTest {

    private static final String FEEDBACK = Calls.NTX_SERVICE + "/feedback";
    private static final String BODY = """
            {"feedback":[{"card":"3f1c2a9e-7d4b-4e8a-9c61-0b2d5e7f8a13","outcome":"accepted",
             "acceptedSuggestions":[{"id":"s-1"}],"outcomeTimestamp":"2026-12-01T10:00:00Z"}]}""";

    @Autowired
    MockMvc mvc;
    @Autowired
    FeedbackService feedback;

    @Test
    void feedbackReachesTheServiceAndIsAnsweredWithAnEmpty200() throws Exception {
        mvc.perform(post(FEEDBACK).contentType(MediaType.APPLICATION_JSON).content(BODY))
                .andExpect(status().isOk()).andExpect(content().string(""));
        ArgumentCaptor<byte[]> sent = ArgumentCaptor.forClass(byte[].class);
        verify(feedback).record(eq("naltrexone-opioid-safety"), sent.capture());
        assertThat(new String(sent.getValue(), StandardCharsets.UTF_8)).isEqualTo(BODY);
    }

    @Test
    void aCardTheServiceDidNotIssueIs400NamingTheField() throws Exception {
        doThrow(new CdsException(CdsError.UNKNOWN_CARD, "feedback[0].card is not a card this service issued to this "
                + "client", "feedback[0].card")).when(feedback).record(any(), any());
        mvc.perform(post(FEEDBACK).contentType(MediaType.APPLICATION_JSON).content(BODY))
                .andExpect(outcome(400, "not-found", "feedback[0].card is not a card this service issued"))
                .andExpect(jsonPath("$.issue[0].expression[0]").value("feedback[0].card"));
    }

    @Test
    void anUnknownServiceIs404() throws Exception {
        doThrow(new CdsException(CdsError.UNKNOWN_SERVICE, "No CDS service 'nope'")).when(feedback)
                .record(eq("nope"), any());
        mvc.perform(post("/cds-services/nope/feedback").contentType(MediaType.APPLICATION_JSON).content(BODY))
                .andExpect(outcome(404, "not-found", "No CDS service 'nope'"));
    }

    @Test
    void aDatabaseThatDoesNotAnswerIs503() throws Exception {
        doThrow(new CdsException(CdsError.STORE_UNAVAILABLE, "The governance database does not answer"))
                .when(feedback).record(any(), any());
        mvc.perform(post(FEEDBACK).contentType(MediaType.APPLICATION_JSON).content(BODY))
                .andExpect(outcome(503, "transient", "does not answer"));
    }

    @Test
    void feedbackWithoutTheJsonHeaderIs415AndNeverReachesTheService() throws Exception {
        mvc.perform(post(FEEDBACK).content(BODY)).andExpect(outcome(415, "not-supported", "no Content-Type header"));
        verifyNoInteractions(feedback);
    }
}
