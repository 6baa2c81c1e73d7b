-- The audit trail is read newest first (ORDER BY id DESC), filtered by any of these columns; each index ends in id so
-- a filtered page is read in order from the index and stops at the page's end. Entries are written once per change,
-- so the extra indexes cost little; they are read whenever someone reviews what changed.
CREATE INDEX audit_log_entity_idx      ON audit_log (entity_type, entity_id, id DESC);
CREATE INDEX audit_log_environment_idx ON audit_log (environment, id DESC);
CREATE INDEX audit_log_actor_id_idx    ON audit_log (actor_id, id DESC);
CREATE INDEX audit_log_actor_name_idx  ON audit_log (actor_name, id DESC);
CREATE INDEX audit_log_action_idx      ON audit_log (action, id DESC);
-- time ranges; the planner combines this with the primary key or the indexes above
CREATE INDEX audit_log_at_idx          ON audit_log (at);
