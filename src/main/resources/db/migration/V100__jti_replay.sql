-- The jti replay record (org.cqlhooks.trust.ReplayStore): every JWT id a trusted client used, until its token
-- expires, shared by every replica on the same database so a token is accepted once across all of them.
-- Portable SQL: the same file runs on PostgreSQL and on the embedded H2 database. The version number stands well
-- apart from other features' migrations.

-- The primary key makes "insert if absent" atomic across replicas: a second insert of the same (issuer, jti) fails.
-- expires_at: seconds since 1970-01-01T00:00:00Z, after which the row no longer blocks and is purged.
CREATE TABLE jti_replay (
    issuer     VARCHAR(1024) NOT NULL,
    jti        VARCHAR(256)  NOT NULL,
    expires_at BIGINT        NOT NULL,
    PRIMARY KEY (issuer, jti)
);
CREATE INDEX jti_replay_expires_at ON jti_replay (expires_at);
