package dev.bunting.domain.flag;

import dev.bunting.domain.Checks;
import dev.bunting.domain.InvalidInputException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A targeting rule: every clause must hold (AND) for the rule to serve. Rules are tried in order; the first match wins. */
public record Rule(RuleId id, @Nullable String description, List<Clause> clauses, Serve serve) {

    public static final int MAX_CLAUSES = 50;

    public Rule {
        Checks.requirePresent("id", id);
        Checks.requireMaxLength("description", description, 500);
        clauses = List.copyOf(Checks.requireMaxSize("clauses", Checks.requireEntries("clauses", clauses), MAX_CLAUSES));
        if (clauses.isEmpty()) {
            throw InvalidInputException.of("clauses", "required", "a rule needs at least one clause");
        }
        Checks.requirePresent("serve", serve);
    }
}
