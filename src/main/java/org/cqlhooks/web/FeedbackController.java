package org.cqlhooks.web;

import org.cqlhooks.feedback.FeedbackService;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** 2.0.1 "Feedback": POST {baseUrl}/cds-services/{id}/feedback. */
@RestController
class FeedbackController {

    private final FeedbackService feedback;

    FeedbackController(FeedbackService feedback) {
        this.feedback = feedback;
    }

    @PostMapping(path = "/cds-services/{id}/feedback", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Void> feedback(@PathVariable String id, @RequestBody byte[] body) {
        feedback.record(id, body);
        return ResponseEntity.ok().build();
    }
}
