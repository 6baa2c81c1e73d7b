package dev.bunting.domain.evaluation;

import dev.bunting.domain.environment.Environment;
import dev.bunting.domain.environment.EnvironmentKey;
import dev.bunting.domain.flag.FlagState;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every flag of one environment, prepared for evaluation: the unit that config caches hold. */
public final class PreparedEnvironment {

    private final EnvironmentKey environment;
    private final boolean publicEvaluation;
    private final Map<String, PreparedFlag> flags;

    private PreparedEnvironment(EnvironmentKey environment, boolean publicEvaluation, Map<String, PreparedFlag> flags) {
        this.environment = environment;
        this.publicEvaluation = publicEvaluation;
        this.flags = flags;
    }

    public static PreparedEnvironment prepare(Environment environment, List<FlagState> states, Evaluator evaluator) {
        Map<String, PreparedFlag> flags = new LinkedHashMap<>();
        for (FlagState state : states) {
            flags.put(state.flag().key().value(), evaluator.prepare(state.flag(), state.config().config()));
        }
        return new PreparedEnvironment(environment.key(), environment.publicEvaluation(), flags);
    }

    public EnvironmentKey environment() {
        return environment;
    }

    /** Whether anyone may evaluate here without credentials; cached with the flags, so checking it costs nothing. */
    public boolean publicEvaluation() {
        return publicEvaluation;
    }

    public Optional<PreparedFlag> flag(String key) {
        return Optional.ofNullable(flags.get(key));
    }

    public Collection<PreparedFlag> flags() {
        return flags.values();
    }
}
