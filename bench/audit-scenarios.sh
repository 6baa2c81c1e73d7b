# Sourced by http-evaluate.sh for bench/audit.sh: fills the runner's audit_log, then measures the audit routes.
# The generated trail: ids and times rise together over a year; half the entries are by one API key (a CI job), the
# rest by 50 users; 10 actions, 2,000 flags, 50 environments.
pg_port=$(sed -n 4p "$WORK/data/pg/postmaster.pid")
# the runner's database: whichever on the embedded server holds the audit trail
PGDATABASE=$(for db in $(psql -X -At -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres \
    -c "SELECT datname FROM pg_database WHERE NOT datistemplate"); do
  psql -X -At -h 127.0.0.1 -p "$pg_port" -U postgres -d "$db" -c "SELECT to_regclass('audit_log') IS NOT NULL" \
    | grep -q t && { echo "$db"; break; }
done)
export PGDATABASE
sql(){ psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pg_port" -U postgres -d "$PGDATABASE" "$@"; }
log "audit: inserting $ENTRIES entries into database $PGDATABASE on port $pg_port"
t0=$(date +%s)
sql <<SQL
INSERT INTO audit_log (actor_kind, actor_id, actor_name, action, entity_type, entity_id, environment, before, after, at)
SELECT CASE WHEN i % 2 = 0 THEN 'api_key' ELSE 'user' END,
       CASE WHEN i % 2 = 0 THEN 'key-ci' ELSE 'user-' || (i % 50) END,
       CASE WHEN i % 2 = 0 THEN 'ci' ELSE 'user' || (i % 50) || '@example.com' END,
       (ARRAY['flag.created','flag.updated','flag.config.updated','flag.toggled','flag.rollout.updated',
              'flag.targets.updated','flag.deleted','environment.updated','key.created','experiment.started'])[1 + i % 10],
       'flag', 'bulk-flag-' || (i % 2000),
       'env-' || (i % 50),
       '{"enabled":false}'::jsonb, '{"enabled":true}'::jsonb,
       now() - interval '365 days' + (i * interval '365 days' / $ENTRIES)
FROM generate_series(1, $ENTRIES) AS i;
ANALYZE audit_log;
SQL
log "audit: inserted in $(( $(date +%s) - t0 )) s; $(sql -At -c 'SELECT count(*) FROM audit_log') entries"
export BUNTING_BENCH_TOKEN=$TOKEN
month_ago=$(date -u -d '-30 days' +%Y-%m-%dT%H:%M:%SZ); half_year=$(date -u -d '-180 days' +%Y-%m-%dT%H:%M:%SZ)
half_year_and_a_day=$(date -u -d '-179 days' +%Y-%m-%dT%H:%M:%SZ)
cursor=$(call GET "/audit?limit=50" | python3 -c 'import json,sys; print(json.load(sys.stdin)["next_cursor"])')
run audit-recent get.lua "/audit"
run audit-next-page get.lua "/audit?cursor=$cursor"
run audit-actor-key get.lua "/audit?actor=key-ci"
run audit-actor-user get.lua "/audit?actor=user7%40example.com"
run audit-action get.lua "/audit?action=flag.deleted"
run audit-flag get.lua "/flags/bulk-flag-1234/audit"
run audit-environment get.lua "/audit?environment=env-7"
run audit-last-month get.lua "/audit?from=$month_ago"
run audit-a-day-half-a-year-ago get.lua "/audit?from=$half_year&to=$half_year_and_a_day"
run audit-environment-and-action get.lua "/audit?environment=env-7&action=flag.toggled"
run audit-user-in-an-environment get.lua "/audit?actor=user-7&environment=env-7"
