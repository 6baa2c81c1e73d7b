-- Measurement: units' exposures to experiments, tracked events, and per-minute evaluation counts.
-- Units are keyed by the MD5 digest of their id, so that a long id (up to 2,000 characters) never exceeds an index
-- entry's size; the id itself is kept beside it for exports.

-- Each unit's first exposure per experiment phase: the table deduplication rests on.
CREATE TABLE experiment_units (
    experiment       text        NOT NULL,
    phase            integer     NOT NULL,
    unit_digest      bytea       NOT NULL,
    unit             text        NOT NULL,
    variant          text        NOT NULL,
    first_exposed_at timestamptz NOT NULL,
    multiple         boolean     NOT NULL DEFAULT false,
    PRIMARY KEY (experiment, phase, unit_digest)
);

-- Every exposure as it was recorded, in daily partitions that retention drops whole.
CREATE TABLE exposures (
    experiment     text        NOT NULL,
    phase          integer     NOT NULL,
    environment    text        NOT NULL,
    flag           text        NOT NULL,
    config_version bigint      NOT NULL,
    variant        text        NOT NULL,
    unit           text        NOT NULL,
    at             timestamptz NOT NULL,
    reason         text        NOT NULL,
    rule           text
) PARTITION BY RANGE (at);

-- Tracked events, in daily partitions; metrics find a unit's events by this index.
CREATE TABLE tracked_events (
    environment text        NOT NULL,
    event       text        NOT NULL,
    unit_digest bytea       NOT NULL,
    unit        text        NOT NULL,
    value       double precision,
    at          timestamptz NOT NULL,
    details     jsonb       NOT NULL
) PARTITION BY RANGE (at);
CREATE INDEX tracked_events_by_unit ON tracked_events (environment, event, unit_digest, at);

-- The idempotency keys of stored event batches, per sender: a retried batch is stored once.
CREATE TABLE event_batches (
    sender          text        NOT NULL,
    idempotency_key text        NOT NULL,
    received_at     timestamptz NOT NULL,
    PRIMARY KEY (sender, idempotency_key)
);

CREATE TABLE evaluation_counts (
    environment text        NOT NULL,
    flag        text        NOT NULL,
    variant     text        NOT NULL,
    minute      timestamptz NOT NULL,
    count       bigint      NOT NULL,
    PRIMARY KEY (environment, flag, variant, minute)
);
