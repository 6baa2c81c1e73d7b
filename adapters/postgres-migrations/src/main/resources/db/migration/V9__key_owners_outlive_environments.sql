-- Each key names the user on whose authority it acts: whoever created it, or the owner of the key that created it.
-- Lowering that user's role revokes their API keys above it, so a key never acts above its maker. Keys made before
-- this migration take their owner from the audit trail's key.created entries, following keys made by keys back to a
-- user; a key the trail does not account for keeps no owner.
ALTER TABLE access_keys ADD COLUMN owner_id text COLLATE "C";

WITH RECURSIVE made AS (
    SELECT entity_id AS key_id, actor_kind, actor_id FROM audit_log WHERE action = 'key.created' AND entity_type = 'key'
), owners (key_id, owner_id) AS (
    SELECT key_id, actor_id FROM made WHERE actor_kind = 'user'
    UNION
    SELECT made.key_id, owners.owner_id FROM made JOIN owners ON made.actor_kind = 'api_key' AND made.actor_id = owners.key_id
)
UPDATE access_keys SET owner_id = owners.owner_id FROM owners WHERE owners.key_id = access_keys.id;

-- Deleting an environment revokes its SDK keys, which stay listed as revoked rather than vanish with it; an
-- environment created later under the same key never brings them back, since a revoked key stays revoked.
ALTER TABLE access_keys DROP CONSTRAINT access_keys_environment_fkey;
