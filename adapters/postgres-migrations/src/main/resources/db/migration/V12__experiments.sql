-- Experiments, each kept whole as the JSON document the API shows (ExperimentDocuments), with the columns that
-- queries filter on beside it.
CREATE TABLE experiments (
    key         text PRIMARY KEY,
    flag        text   NOT NULL,
    environment text   NOT NULL,
    status      text   NOT NULL CHECK (status IN ('draft', 'running', 'stopped', 'archived')),
    version     bigint NOT NULL,
    document    jsonb  NOT NULL
);

-- Two experiments running on one flag in one environment would share its units: the database refuses it even when
-- two starts race.
CREATE UNIQUE INDEX experiments_one_running_per_flag ON experiments (flag, environment) WHERE status = 'running';
CREATE INDEX experiments_by_environment ON experiments (environment, flag);
