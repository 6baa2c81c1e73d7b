package dev.bunting.domain.experiment;

/** Where an experiment is in its life: draft → running → stopped → archived (a draft may also be archived). */
public enum ExperimentStatus {
    DRAFT,
    RUNNING,
    STOPPED,
    ARCHIVED
}
