package dev.bunting.domain.evaluation;

import dev.bunting.domain.InvalidInputException.FieldViolation;
import dev.bunting.domain.flag.Flag;
import dev.bunting.domain.flag.FlagConfig;
import java.util.List;

/**
 * Evaluates flags: a pure function of (flag, config, context). Preparing a flag compiles its config once, so the
 * per-context work is only attribute tests and, for splits, one hash.
 */
public final class Evaluator {

    private final Bucketing bucketing;
    private final RegexEngine regex;

    public Evaluator(Murmur3Hash hash, RegexEngine regex) {
        this.bucketing = new Bucketing(hash);
        this.regex = regex;
    }

    public PreparedFlag prepare(Flag flag, FlagConfig config) {
        return PreparedFlag.prepare(flag, config, bucketing, regex);
    }

    /** The problems that would make {@code config} fail to compile, such as regular expressions that do not parse. */
    public List<FieldViolation> compileProblems(Flag flag, FlagConfig config) {
        return prepare(flag, config).compileProblems();
    }
}
