package dev.bunting.domain;

import dev.bunting.domain.flag.Clause;
import dev.bunting.domain.flag.Rule;
import dev.bunting.domain.flag.RuleId;
import dev.bunting.domain.flag.Serve;
import dev.bunting.domain.flag.Split;
import java.util.ArrayList;
import java.util.List;

/** Test fixture: {@code Rules.rule("beta").when(Clauses.attribute("plan").in("beta")).serve("true")}. */
public final class Rules {

    private Rules() {}

    public static Builder rule(String id) {
        return new Builder(id);
    }

    public static final class Builder {
        private final String id;
        private final List<Clause> clauses = new ArrayList<>();
        private Serve serve;
        private String description;

        private Builder(String id) {
            this.id = id;
        }

        public Builder when(Clause clause) {
            clauses.add(clause);
            return this;
        }

        public Builder describedAs(String text) {
            this.description = text;
            return this;
        }

        public Builder serve(String variant) {
            this.serve = Serve.variant(variant);
            return this;
        }

        public Builder serveSplit(Split split) {
            this.serve = new Serve.Percentage(split);
            return this;
        }

        public Rule build() {
            return new Rule(new RuleId(id), description, clauses, serve);
        }
    }
}
