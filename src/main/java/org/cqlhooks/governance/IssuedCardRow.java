package org.cqlhooks.governance;

import java.time.Instant;

/** One card as the governance record keeps it (table issued_card). */
record IssuedCardRow(String uuid, String service, String cardId, String indicator, String hookInstance,
        String client, String patientHash, Instant issuedAt) {
}
