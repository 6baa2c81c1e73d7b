-- An archived flag is evaluated nowhere and keeps its configs for a restore (docs/walkthrough.md). Null
-- while the flag is active. Lists and the evaluation snapshot read active flags by filtering on this column; the
-- primary key's order already serves them, so no index is added.
ALTER TABLE flags ADD COLUMN archived_at timestamptz;
