-- Emails are compared in a normalised form: the application stores them NFKC and case-folded (Email), and ASCII
-- addresses stored before, in lower case, are in that form already. No two accounts may have addresses that look alike:
-- email_skeleton holds Email.skeleton() (TR39's skeleton over a small confusables table), unique. The backfill below
-- computes the same skeleton in SQL; where accounts made before this check already look alike, the oldest keeps the
-- skeleton and the others none, so they go on working and a new lookalike of any of them is still refused.
ALTER TABLE users ADD COLUMN email_skeleton text COLLATE "C";

WITH skeletons AS (
    SELECT id, replace(translate(CASE WHEN email ~ '^[ -~]*$' THEN email ELSE normalize(email, NFD) END,
                                           'асԁеһіјкӏорԛѕуԝхүαεηικνορτυχγıɡɑℓ01|', 'acdehijklopqsywxyaenikvoptuxyigaloll'), 'rn', 'm') AS skeleton,
           created_at
    FROM users
), firsts AS (
    SELECT id, skeleton, row_number() OVER (PARTITION BY skeleton ORDER BY created_at, id) AS rank FROM skeletons
)
UPDATE users SET email_skeleton = firsts.skeleton FROM firsts WHERE firsts.id = users.id AND firsts.rank = 1;

CREATE UNIQUE INDEX users_email_skeleton ON users (email_skeleton);
