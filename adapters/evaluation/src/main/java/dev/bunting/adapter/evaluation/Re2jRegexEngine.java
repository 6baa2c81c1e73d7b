package dev.bunting.adapter.evaluation;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.bunting.domain.evaluation.RegexEngine;
import java.util.function.Predicate;

/** Linear-time regular expressions (RE2 semantics) for {@code matches} clauses, whose patterns and inputs come from users. */
public final class Re2jRegexEngine implements RegexEngine {

    @Override
    public Predicate<String> compile(String pattern) {
        try {
            Pattern compiled = Pattern.compile(pattern);
            return input -> compiled.matcher(input).find();
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid regular expression", e);
        }
    }
}
