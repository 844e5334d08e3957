-- The governance record (org.cqlhooks.governance): every card the server issued, and the feedback on it.
-- Portable SQL: the same file runs on PostgreSQL and on the embedded H2 database. Another feature adds its own
-- tables in its own file (V2__<feature>.sql, ...), never by editing this one.

-- One row per card answered. No patient id: patient_hash is HMAC-SHA256(cds.governance.patient-key, patient id).
CREATE TABLE issued_card (
    uuid          VARCHAR(64)   NOT NULL PRIMARY KEY,
    service       VARCHAR(64)   NOT NULL,
    card_id       VARCHAR(64)   NOT NULL,
    indicator     VARCHAR(16)   NOT NULL,
    hook_instance VARCHAR(256)  NOT NULL,
    client        VARCHAR(1024) NOT NULL,
    patient_hash  CHAR(64),
    issued_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    -- The UTC day of issued_at, so figures per day need no time-zone function (they differ between databases).
    issued_day    DATE          NOT NULL
);
CREATE INDEX issued_card_service_day ON issued_card (service, issued_day);
CREATE INDEX issued_card_issued_at ON issued_card (issued_at);

-- One row per distinct 2.0.1 Feedback entry; feedback_key is the SHA-256 of its content, so a repeat is kept once.
CREATE TABLE card_feedback (
    card_uuid      VARCHAR(64)   NOT NULL REFERENCES issued_card (uuid) ON DELETE CASCADE,
    feedback_key   CHAR(64)      NOT NULL,
    outcome        VARCHAR(16)   NOT NULL,
    reason_system  VARCHAR(255),
    reason_code    VARCHAR(255),
    reason_display VARCHAR(255),
    user_comment   VARCHAR(4000),
    outcome_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    received_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (card_uuid, feedback_key)
);

CREATE TABLE accepted_suggestion (
    card_uuid     VARCHAR(64)  NOT NULL,
    feedback_key  CHAR(64)     NOT NULL,
    suggestion_id VARCHAR(128) NOT NULL,
    PRIMARY KEY (card_uuid, feedback_key, suggestion_id),
    FOREIGN KEY (card_uuid, feedback_key) REFERENCES card_feedback (card_uuid, feedback_key) ON DELETE CASCADE
);
