-- Client-side keys (kind 'client'): like SDK keys, they evaluate in one environment, but they are made to be shipped in
-- client code, so they are never shown the environment's rules. Both kinds name their environment, API keys a role.
ALTER TABLE access_keys DROP CONSTRAINT access_keys_kind_check;
ALTER TABLE access_keys ADD CONSTRAINT access_keys_kind_check CHECK (kind IN ('api', 'sdk', 'client'));
ALTER TABLE access_keys DROP CONSTRAINT access_keys_check;
ALTER TABLE access_keys ADD CONSTRAINT access_keys_check
    CHECK ((kind = 'api') = (role IS NOT NULL) AND (kind <> 'api') = (environment IS NOT NULL));
