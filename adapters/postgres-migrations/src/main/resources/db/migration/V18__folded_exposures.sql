-- A raw exposure row folds the repeats of one exposure within a write: the same unit served the same variant by the
-- same config of the same experiment phase, `count` times from `at` (the first, which picks the daily partition) to
-- `last_at`. Rows written before this migration are single exposures: count 1, and last_at null, meaning `at`.
-- experiment_units is unchanged, and still only ever moves a unit's first exposure earlier or marks it multiple: the
-- writers' filter of units known stored (KnownUnits) relies on that, so nothing may delete or rewrite its rows.
ALTER TABLE exposures ADD COLUMN count integer NOT NULL DEFAULT 1 CHECK (count > 0), ADD COLUMN last_at timestamptz;
