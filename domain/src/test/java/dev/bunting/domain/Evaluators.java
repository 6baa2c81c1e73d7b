package dev.bunting.domain;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.bunting.domain.evaluation.Evaluator;
import dev.bunting.domain.evaluation.RegexEngine;
import org.apache.commons.codec.digest.MurmurHash3;

/** Test fixture: the evaluator wired as in production, with commons-codec murmur3 and RE2/J. */
public final class Evaluators {

    /** RE2/J, the linear-time engine the {@link RegexEngine} contract asks for. */
    public static final RegexEngine RE2J = pattern -> {
        try {
            Pattern compiled = Pattern.compile(pattern);
            return s -> compiled.matcher(s).find();
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    };

    private Evaluators() {}

    public static Evaluator standard() {
        return new Evaluator(MurmurHash3::hash32x86, RE2J);
    }

    public static Evaluator withRegexEngine(RegexEngine engine) {
        return new Evaluator(MurmurHash3::hash32x86, engine);
    }
}
