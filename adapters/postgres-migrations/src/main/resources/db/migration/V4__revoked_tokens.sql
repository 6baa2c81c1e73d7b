-- Tokens signed out before they expired. Rows past expires_at no longer matter and may be deleted at any time.
CREATE TABLE revoked_tokens (
    token_id   text COLLATE "C" PRIMARY KEY,
    expires_at timestamptz NOT NULL
);
