-- Loads one running experiment's units and events for bench/results-latency.sh, straight into the tables the runner
-- writes (psql variables: units, events). Inserted through the parent tables, so the triggers mark every day stale,
-- as the runner's own writes would.

-- the phase started 7 days ago, at midnight UTC
UPDATE experiments
SET document = jsonb_set(document, '{phases,0,started_at}',
        to_jsonb(to_char(date_trunc('day', now() AT TIME ZONE 'UTC') - interval '7 days',
                         'YYYY-MM-DD"T"HH24:MI:SS"Z"')))
WHERE key = 'bench-results';

DO $$
DECLARE day date;
BEGIN
    FOR day IN SELECT generate_series(current_date - 9, current_date + 4, interval '1 day')::date LOOP
        EXECUTE format('CREATE TABLE IF NOT EXISTS tracked_events_p%s PARTITION OF tracked_events
                        FOR VALUES FROM (%L) TO (%L)',
                       to_char(day, 'YYYYMMDD'), day::timestamptz, (day + 1)::timestamptz);
    END LOOP;
END $$;

CREATE TEMPORARY TABLE phase_start AS
SELECT (date_trunc('day', now() AT TIME ZONE 'UTC') - interval '7 days') AT TIME ZONE 'UTC' AS at;

-- unit k is first exposed k * 7919 seconds (modulo 7 days) after the phase started; odd units saw the treatment
INSERT INTO experiment_units (experiment, phase, unit_digest, unit, variant, first_exposed_at, multiple)
SELECT 'bench-results', 1, decode(md5('u' || k), 'hex'), 'u' || k,
       CASE WHEN k % 2 = 1 THEN 'true' ELSE 'false' END,
       (SELECT at FROM phase_start) + make_interval(secs => (k::bigint * 7919) % (7 * 86400)), false
FROM generate_series(1, :units) AS k;

-- a third of the units buy: event e is unit 1 + 3 * (e mod units/3)'s, from 20 h before its first exposure to 79 h
-- after, so most count in the 72-hour window and some before exposure (CUPED's covariate)
INSERT INTO tracked_events (environment, event, unit_digest, unit, value, at, details)
SELECT 'staging', 'purchase', decode(md5('u' || k), 'hex'), 'u' || k, 5 + e % 50,
       (SELECT at FROM phase_start) + make_interval(secs => (k::bigint * 7919) % (7 * 86400))
           + make_interval(hours => (e % 100)::int - 20),
       '{}'
FROM (SELECT e, 1 + 3 * (e % (:units / 3)) AS k FROM generate_series(1, :events) AS e) AS generated;

ANALYZE experiment_units;
ANALYZE tracked_events;
