-- Ward server schema, version 3: webhooks and their deliveries.

CREATE TABLE webhooks (
    id         TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    url        TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('generic', 'slack')),
    -- Subscribed events, comma-separated: new-critical, sla-breach, regression.
    events     TEXT NOT NULL,
    -- The HMAC-SHA256 key that signs generic payloads. Kept as given, since the server must
    -- sign with it; the API never returns it after creation.
    secret     TEXT,
    created_at BIGINT NOT NULL,
    created_by TEXT NOT NULL
);
CREATE INDEX webhooks_project ON webhooks (project_id);

-- The outbox: each notification is written in the same transaction as what caused it, then
-- sent (and retried) in the background. `next_attempt_ms` is in milliseconds.
CREATE TABLE webhook_deliveries (
    id              TEXT PRIMARY KEY,
    webhook_id      TEXT NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    event           TEXT NOT NULL,
    body            TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts        BIGINT NOT NULL DEFAULT 0,
    next_attempt_ms BIGINT NOT NULL,
    last_error      TEXT,
    last_status     BIGINT,
    created_at      BIGINT NOT NULL,
    finished_at     BIGINT
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_ms);
CREATE INDEX webhook_deliveries_hook ON webhook_deliveries (webhook_id, id);

-- The due date whose breach was announced, so each breach is announced once.
ALTER TABLE issues ADD COLUMN sla_breach_notified BIGINT;
