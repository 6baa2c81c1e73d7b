-- Whether an environment answers evaluations without a key: yes for development and staging, as before keys existed;
-- no for production and any other protected environment. A row inserted without saying is closed.
ALTER TABLE environments ADD COLUMN public_evaluation boolean NOT NULL DEFAULT false;
UPDATE environments SET public_evaluation = NOT protected;

-- API keys (management, with a role) and SDK keys (evaluation in one environment). The secret itself is never stored:
-- only the prefix that finds a key and the SHA-256 digest that proves it. Revoked keys stay listed.
CREATE TABLE access_keys (
    id           text COLLATE "C" PRIMARY KEY,
    name         text        NOT NULL,
    kind         text        NOT NULL CHECK (kind IN ('api', 'sdk')),
    role         text        CHECK (role IN ('viewer', 'developer', 'admin')),
    environment  text COLLATE "C" REFERENCES environments (key) ON DELETE CASCADE,
    prefix       text COLLATE "C" NOT NULL UNIQUE,
    digest       text        NOT NULL,
    created_at   timestamptz NOT NULL,
    created_by   text        NOT NULL,
    last_used_at timestamptz,
    revoked_at   timestamptz,
    CHECK ((kind = 'api') = (role IS NOT NULL) AND (kind = 'sdk') = (environment IS NOT NULL))
);
