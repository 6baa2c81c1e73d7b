package dev.bunting.domain.evaluation;

/** Why an evaluation failed: OpenFeature's closed set of error codes. */
public enum ErrorCode {
    FLAG_NOT_FOUND,
    /** A split needed a bucketing unit and the context had none. */
    TARGETING_KEY_MISSING,
    /** The caller asked for a kind of value the flag does not serve. */
    TYPE_MISMATCH,
    /** The flag's stored config could not be compiled (for example, a regular expression that does not parse). */
    PARSE_ERROR,
    /** The context holds a value evaluation cannot use, such as an object where the bucketing unit should be. */
    INVALID_CONTEXT,
    GENERAL
}
