-- Results come from rollups: per experiment, phase, metric, variant and day of the units' first exposure, the sums
-- the statistics engine needs, so that a result costs work proportional to variants x metrics, not to events. A unit's
-- value is the sum of its events in a window after its first exposure, so sums of squares add up over units, not over
-- event days: rows are keyed by the day of the unit's first exposure, and a late event or exposure makes that day's
-- rows stale. Writes mark what they make stale (the triggers below); a refresh recomputes only marked days.

-- Per unit x (the metric within its window after the first exposure) and y (the same metric over the 14 days before
-- it, CUPED's covariate): n, sum x, sum x^2, sum y, sum y^2 and sum x*y.
CREATE TABLE experiment_rollups (
    experiment        text             NOT NULL,
    phase             integer          NOT NULL,
    metric            text             NOT NULL,
    day               date             NOT NULL,
    variant           text             NOT NULL,
    n                 bigint           NOT NULL,
    total             double precision NOT NULL,
    total_squares     double precision NOT NULL,
    pre_total         double precision NOT NULL,
    pre_total_squares double precision NOT NULL,
    cross_total       double precision NOT NULL,
    PRIMARY KEY (experiment, phase, metric, day, variant)
);

-- Units per first-exposure day, variant and whether they saw several: what the sample-ratio check reads.
CREATE TABLE experiment_unit_rollups (
    experiment text    NOT NULL,
    phase      integer NOT NULL,
    day        date    NOT NULL,
    variant    text    NOT NULL,
    multiple   boolean NOT NULL,
    units      bigint  NOT NULL,
    PRIMARY KEY (experiment, phase, day, variant, multiple)
);

-- Which parts of an experiment's rollups exist, and for which metric definition: a part that is missing, or whose
-- metric changed (event, type or window), is computed whole on the next refresh.
CREATE TABLE experiment_rollup_parts (
    experiment text NOT NULL,
    part       text NOT NULL,
    definition text NOT NULL,
    PRIMARY KEY (experiment, part)
);

-- Days whose rollups a write made stale. Writers only ever insert (no key, so no writer waits on another or on a
-- refresh); a refresh deletes an experiment's marks first, then recomputes from what is committed by then, so a write
-- it did not see keeps its mark for the next refresh. 'exposure' marks the first-exposure day itself; 'event' marks
-- the day of a tracked event, which the refresh widens to the first-exposure days whose windows reach it.
CREATE TABLE stale_rollups (
    experiment text NOT NULL,
    day        date NOT NULL,
    cause      text NOT NULL CHECK (cause IN ('exposure', 'event'))
);
CREATE INDEX stale_rollups_by_experiment ON stale_rollups (experiment);

-- When each experiment's rollups were last refreshed: results say so, and whether marks are pending, since a read
-- leaves a refresh too large for it to the timer.
CREATE TABLE experiment_rollup_refreshes (
    experiment  text        PRIMARY KEY,
    computed_at timestamptz NOT NULL
);

-- Raw exposures and events are kept from this day on (retention drops older partitions): rollups of days whose raw
-- data is gone are final, never recomputed from what remains.
CREATE TABLE raw_data_horizon (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    kept_from date    NOT NULL
);

-- A refresh reads the units of its stale days only.
CREATE INDEX experiment_units_by_first_exposure ON experiment_units (experiment, first_exposed_at);

CREATE FUNCTION mark_rollups_of_new_units() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO stale_rollups (experiment, day, cause)
    SELECT DISTINCT experiment, (first_exposed_at AT TIME ZONE 'UTC')::date, 'exposure' FROM new_units;
    RETURN NULL;
END $$;

-- A unit seen again as it was changes nothing; one whose variant, first exposure or multiplicity changed makes both
-- its old and its new day stale.
CREATE FUNCTION mark_rollups_of_changed_units() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO stale_rollups (experiment, day, cause)
    SELECT DISTINCT o.experiment, d.day, 'exposure'
    FROM old_units o
    JOIN new_units n USING (experiment, phase, unit_digest)
    CROSS JOIN LATERAL (VALUES ((o.first_exposed_at AT TIME ZONE 'UTC')::date),
                               ((n.first_exposed_at AT TIME ZONE 'UTC')::date)) AS d(day)
    WHERE (o.variant, o.first_exposed_at, o.multiple) IS DISTINCT FROM (n.variant, n.first_exposed_at, n.multiple);
    RETURN NULL;
END $$;

-- An event can change the rollups of every running or stopped experiment in its environment with a metric on it.
CREATE FUNCTION mark_rollups_of_new_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO stale_rollups (experiment, day, cause)
    SELECT DISTINCT x.key, e.day, 'event'
    FROM (SELECT DISTINCT environment, event, (at AT TIME ZONE 'UTC')::date AS day FROM new_events) e
    JOIN experiments x ON x.environment = e.environment AND x.status IN ('running', 'stopped')
    WHERE EXISTS (SELECT 1 FROM jsonb_array_elements(x.document -> 'metrics') m WHERE m ->> 'event' = e.event);
    RETURN NULL;
END $$;

CREATE TRIGGER new_units_make_rollups_stale AFTER INSERT ON experiment_units
    REFERENCING NEW TABLE AS new_units FOR EACH STATEMENT EXECUTE FUNCTION mark_rollups_of_new_units();
CREATE TRIGGER changed_units_make_rollups_stale AFTER UPDATE ON experiment_units
    REFERENCING OLD TABLE AS old_units NEW TABLE AS new_units
    FOR EACH STATEMENT EXECUTE FUNCTION mark_rollups_of_changed_units();
CREATE TRIGGER new_events_make_rollups_stale AFTER INSERT ON tracked_events
    REFERENCING NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION mark_rollups_of_new_events();

-- A deleted experiment's rollups go with it, so that another experiment of the same key starts from the units alone.
CREATE FUNCTION drop_rollups_of_deleted_experiment() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM experiment_rollups WHERE experiment = OLD.key;
    DELETE FROM experiment_unit_rollups WHERE experiment = OLD.key;
    DELETE FROM experiment_rollup_parts WHERE experiment = OLD.key;
    DELETE FROM stale_rollups WHERE experiment = OLD.key;
    DELETE FROM experiment_rollup_refreshes WHERE experiment = OLD.key;
    RETURN NULL;
END $$;

CREATE TRIGGER deleted_experiments_drop_their_rollups AFTER DELETE ON experiments
    FOR EACH ROW EXECUTE FUNCTION drop_rollups_of_deleted_experiment();
