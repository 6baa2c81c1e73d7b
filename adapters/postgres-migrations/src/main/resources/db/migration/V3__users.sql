-- The people who sign in. Emails are stored in lower case, so the unique constraint makes sign-in names case-insensitive.
CREATE TABLE users (
    id                     text COLLATE "C" PRIMARY KEY,
    email                  text COLLATE "C" NOT NULL UNIQUE,
    password_hash          text        NOT NULL,
    role                   text        NOT NULL CHECK (role IN ('viewer', 'developer', 'admin')),
    created_at             timestamptz NOT NULL,
    credentials_changed_at timestamptz NOT NULL
);
