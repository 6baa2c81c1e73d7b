package dev.bunting.domain.evaluation;

/** Why an evaluation served what it did, named as in the OpenFeature specification (flag evaluation, "Resolution reasons"). */
public enum Reason {
    /** The config has no targets and no rules: every context gets the same fallthrough variant. */
    STATIC,
    /** No target or rule matched; the fallthrough variant was served. */
    DEFAULT,
    /** An individual target or a rule serving a fixed variant matched. */
    TARGETING_MATCH,
    /** A percentage split decided the variant. */
    SPLIT,
    /** The flag is off in this environment; the off variant was served. */
    DISABLED,
    /** Evaluation failed; see the error code. */
    ERROR
}
