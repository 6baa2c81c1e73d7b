package dev.bunting.domain.evaluation;

import dev.bunting.domain.flag.FlagKind;
import dev.bunting.domain.flag.RuleId;
import dev.bunting.domain.flag.VariantKey;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of evaluating a flag. On error, value and variant are null: the caller's own default applies.
 *
 * @param kind   the flag's kind; null when the flag was not found
 * @param ruleId the rule that matched, if a rule decided
 */
public record Evaluation(
        String flagKey,
        @Nullable FlagKind kind,
        @Nullable Object value,
        @Nullable VariantKey variant,
        Reason reason,
        @Nullable RuleId ruleId,
        @Nullable ErrorCode errorCode,
        @Nullable String errorMessage) {

    public static Evaluation error(String flagKey, @Nullable FlagKind kind, ErrorCode code, String message) {
        return new Evaluation(flagKey, kind, null, null, Reason.ERROR, null, code, message);
    }

    public static Evaluation flagNotFound(String flagKey) {
        return error(flagKey, null, ErrorCode.FLAG_NOT_FOUND, "flag '" + flagKey + "' does not exist");
    }

    public boolean isError() {
        return reason == Reason.ERROR;
    }
}
