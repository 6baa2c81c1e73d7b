-- Audit rows name their actor (kind, id, display name), entity (type, id) and environment in columns of their own, so
-- the trail can be filtered by each. Rows written before this migration are split from the former resource text.
ALTER TABLE audit_log
    ADD COLUMN actor_kind  text,
    ADD COLUMN actor_id    text,
    ADD COLUMN entity_type text,
    ADD COLUMN entity_id   text,
    ADD COLUMN environment text COLLATE "C";

UPDATE audit_log SET
    actor_kind  = CASE WHEN actor = 'bootstrap' OR actor LIKE 'make-admin:%' THEN 'system' ELSE 'user' END,
    actor_id    = COALESCE((SELECT users.id FROM users WHERE users.email = audit_log.actor), actor),
    entity_type = split_part(resource, ':', 1),
    entity_id   = split_part(substr(resource, strpos(resource, ':') + 1), '/', 1),
    environment = CASE
        WHEN resource LIKE 'environment:%' THEN substr(resource, length('environment:') + 1)
        ELSE NULLIF(split_part(resource, '/', 2), '')
    END;

ALTER TABLE audit_log
    ALTER COLUMN actor_kind SET NOT NULL,
    ALTER COLUMN actor_id SET NOT NULL,
    ALTER COLUMN entity_type SET NOT NULL,
    ALTER COLUMN entity_id SET NOT NULL,
    ADD CONSTRAINT audit_log_actor_kind_check CHECK (actor_kind IN ('user', 'api_key', 'system')),
    DROP COLUMN resource;

ALTER TABLE audit_log RENAME COLUMN actor TO actor_name;
