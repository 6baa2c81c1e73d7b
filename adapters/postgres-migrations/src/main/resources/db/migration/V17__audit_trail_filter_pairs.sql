-- Two filters together: each index of V7 reads one filter's entries in id order, and when both filters match many
-- entries but their pair few (an environment's toggles, a user's changes in one environment), the page is found only
-- after reading most of the trail (400 ms at a million entries, bench/audit.sh). These lead with the pairs the trail
-- is read by, and end in id, so such a page is read in order and stops at its end. The actor filter matches id or
-- name, each read on its own index (PostgresAuditTrail), hence both forms.
CREATE INDEX audit_log_environment_action_idx     ON audit_log (environment, action, id DESC);
CREATE INDEX audit_log_actor_id_environment_idx   ON audit_log (actor_id, environment, id DESC);
CREATE INDEX audit_log_actor_name_environment_idx ON audit_log (actor_name, environment, id DESC);
CREATE INDEX audit_log_actor_id_action_idx        ON audit_log (actor_id, action, id DESC);
CREATE INDEX audit_log_actor_name_action_idx      ON audit_log (actor_name, action, id DESC);
