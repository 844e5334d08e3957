package org.cqlhooks.governance;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.TreeSet;
import org.cqlhooks.feedback.CardFeedback;
import org.cqlhooks.feedback.FeedbackStore;
import org.cqlhooks.feedback.IssuedCard;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Feedback joined to the governance record: a card is found only for the service and the client it was issued to,
 * and each distinct feedback entry is kept once (its content's SHA-256 is part of the key).
 */
@Component
class GovernanceFeedbackStore implements FeedbackStore {

    /** Cards of a call just answered may still be on their way to the database. */
    private static final Duration WAIT_FOR_RECORDING = Duration.ofSeconds(2);

    private final GovernanceRepository repository;
    private final CardRecorder recorder;
    private final Clock clock;

    GovernanceFeedbackStore(GovernanceRepository repository, CardRecorder recorder, Clock clock) {
        this.repository = repository;
        this.recorder = recorder;
        this.clock = clock;
    }

    @Override
    public Optional<IssuedCard> issued(String serviceId, String cardUuid) {
        String client = Callers.current();
        Optional<IssuedCard> card = Unavailable.unlessDatabaseDown(() -> repository.issued(serviceId, cardUuid, client));
        if (card.isEmpty() && recorder.awaitWritten(WAIT_FOR_RECORDING)) {
            card = Unavailable.unlessDatabaseDown(() -> repository.issued(serviceId, cardUuid, client));
        }
        return card;
    }

    @Override
    public boolean save(String serviceId, CardFeedback feedback) {
        String key = key(feedback);
        return Unavailable.unlessDatabaseDown(() -> {
            if (repository.feedbackExists(feedback.card(), key)) {
                return false;
            }
            try {
                repository.insertFeedback(feedback, key, clock.instant());
                return true;
            } catch (DuplicateKeyException e) {
                return false; // the same feedback, stored a moment ago by a concurrent request
            }
        });
    }

    /** The identity of a feedback entry: every field of it, so a repeat has the same key and another act not. */
    static String key(CardFeedback f) {
        String text = String.join("\n", f.outcome().code(), String.join("\u001f", new TreeSet<>(f.acceptedSuggestions())),
                f.reason() == null ? "" : f.reason().system() + "|" + f.reason().code(),
                f.userComment() == null ? "" : f.userComment(), f.outcomeTimestamp().toString());
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
