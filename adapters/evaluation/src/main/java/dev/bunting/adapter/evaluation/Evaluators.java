package dev.bunting.adapter.evaluation;

import dev.bunting.domain.evaluation.Evaluator;

/** The production evaluator: commons-codec murmur3 and RE2J. */
public final class Evaluators {

    private Evaluators() {}

    public static Evaluator standard() {
        return new Evaluator(new CommonsCodecMurmur3Hash(), new Re2jRegexEngine());
    }
}
