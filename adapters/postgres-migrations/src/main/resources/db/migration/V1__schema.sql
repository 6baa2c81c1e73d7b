-- Keys compare by code point (COLLATE "C") so listings are ordered as every other store orders them, whatever the
-- database's locale; a language collation would ignore the '-' and '.' that keys are made of.

CREATE TABLE environments (
    key        text COLLATE "C" PRIMARY KEY,
    name       text        NOT NULL,
    protected  boolean     NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL
);

CREATE TABLE flags (
    key         text COLLATE "C" PRIMARY KEY,
    name        text        NOT NULL,
    description text,
    tags        text[]      NOT NULL DEFAULT '{}',
    kind        text        NOT NULL CHECK (kind IN ('boolean', 'string', 'number', 'json')),
    variants    jsonb       NOT NULL,
    salt        text        NOT NULL,
    bucket_by   text        NOT NULL,
    version     bigint      NOT NULL CHECK (version >= 1),
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);

-- the tag filter of the flag list (tags @> ARRAY[tag])
CREATE INDEX flags_tags_idx ON flags USING gin (tags);

CREATE TABLE flag_configs (
    flag_key        text COLLATE "C" NOT NULL REFERENCES flags (key) ON DELETE CASCADE,
    environment_key text COLLATE "C" NOT NULL REFERENCES environments (key) ON DELETE CASCADE,
    config          jsonb       NOT NULL,
    version         bigint      NOT NULL CHECK (version >= 1),
    updated_at      timestamptz NOT NULL,
    PRIMARY KEY (flag_key, environment_key)
);

-- deleting an environment cascades through this column; the primary key only serves lookups by flag
CREATE INDEX flag_configs_environment_idx ON flag_configs (environment_key);

CREATE TABLE audit_log (
    id       bigserial PRIMARY KEY,
    actor    text        NOT NULL,
    action   text        NOT NULL,
    resource text        NOT NULL,
    before   jsonb,
    after    jsonb,
    at       timestamptz NOT NULL
);
