-- The audit trail is append-only: no API updates or deletes entries, and the database refuses to as well where the
-- deployment runs the service under a role of its own. By convention that role is named bunting_app; migrations run
-- as another role, the schema's owner (see README.md, "Audit trail"). Where bunting_app exists, it keeps INSERT and
-- SELECT on audit_log but loses UPDATE, DELETE and TRUNCATE, whatever it was granted before, by hand or through
-- default privileges. Where it does not exist, or is itself the role migrating (and so the owner, which privileges
-- cannot bind), there is nothing to revoke and this does nothing.
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'bunting_app') AND current_user <> 'bunting_app' THEN
        REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM bunting_app;
    END IF;
END
$$;
